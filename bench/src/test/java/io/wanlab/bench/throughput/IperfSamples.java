package io.wanlab.bench.throughput;

/**
 * iperf3 3.12 {@code -J} reports written by hand in the real layout (tabs, cJSON spacing, and the
 * socket buffer members repeated once per stream, as 3.12 does), for parser tests.
 */
final class IperfSamples {
    private IperfSamples() {
    }

    /** Two streams, two 1-second intervals, then the end section with per-stream and summed results. */
    static final String TWO_STREAMS = """
            {
            	"start":	{
            		"connected":	[{
            				"socket":	5,
            				"local_host":	"198.18.1.10",
            				"local_port":	40112,
            				"remote_host":	"198.18.2.10",
            				"remote_port":	5201
            			}, {
            				"socket":	7,
            				"local_host":	"198.18.1.10",
            				"local_port":	40124,
            				"remote_host":	"198.18.2.10",
            				"remote_port":	5201
            			}],
            		"version":	"iperf 3.12",
            		"system_info":	"Linux vm 6.1.0 #1 SMP x86_64",
            		"timestamp":	{
            			"time":	"Fri, 27 Nov 2026 10:55:56 GMT",
            			"timesecs":	1795776956
            		},
            		"connecting_to":	{
            			"host":	"198.18.2.10",
            			"port":	5201
            		},
            		"cookie":	"76ualjmgvyvv4nxgawwxhugz6qvcqkehzhrb",
            		"tcp_mss_default":	1448,
            		"target_bitrate":	0,
            		"sock_bufsize":	0,
            		"sndbuf_actual":	16384,
            		"rcvbuf_actual":	131072,
            		"sock_bufsize":	0,
            		"sndbuf_actual":	16384,
            		"rcvbuf_actual":	131072,
            		"test_start":	{
            			"protocol":	"TCP",
            			"num_streams":	2,
            			"blksize":	131072,
            			"omit":	0,
            			"duration":	2,
            			"bytes":	0,
            			"blocks":	0,
            			"reverse":	0,
            			"tos":	0,
            			"target_bitrate":	0
            		}
            	},
            	"intervals":	[{
            			"streams":	[{
            					"socket":	5,
            					"start":	0,
            					"end":	1.000123,
            					"seconds":	1.0001230239868164,
            					"bytes":	52428800,
            					"bits_per_second":	419379000.5,
            					"retransmits":	3,
            					"snd_cwnd":	1178694,
            					"snd_wnd":	328704,
            					"rtt":	460,
            					"rttvar":	19,
            					"pmtu":	1500,
            					"omitted":	false,
            					"sender":	true
            				}, {
            					"socket":	7,
            					"start":	0,
            					"end":	1.000123,
            					"seconds":	1.0001230239868164,
            					"bytes":	47185920,
            					"bits_per_second":	377441100.25,
            					"retransmits":	1,
            					"snd_cwnd":	998400,
            					"snd_wnd":	328704,
            					"rtt":	510,
            					"rttvar":	22,
            					"pmtu":	1500,
            					"omitted":	false,
            					"sender":	true
            				}],
            			"sum":	{
            				"start":	0,
            				"end":	1.000123,
            				"seconds":	1.0001230239868164,
            				"bytes":	99614720,
            				"bits_per_second":	796820100.75,
            				"retransmits":	4,
            				"omitted":	false,
            				"sender":	true
            			}
            		}, {
            			"streams":	[{
            					"socket":	5,
            					"start":	1.000123,
            					"end":	2.000211,
            					"seconds":	1.0000879764556885,
            					"bytes":	54525952,
            					"bits_per_second":	436169200,
            					"retransmits":	0,
            					"snd_cwnd":	1203400,
            					"snd_wnd":	328704,
            					"rtt":	455,
            					"rttvar":	18,
            					"pmtu":	1500,
            					"omitted":	false,
            					"sender":	true
            				}, {
            					"socket":	7,
            					"start":	1.000123,
            					"end":	2.000211,
            					"seconds":	1.0000879764556885,
            					"bytes":	49283072,
            					"bits_per_second":	394230100,
            					"retransmits":	2,
            					"snd_cwnd":	1001200,
            					"snd_wnd":	328704,
            					"rtt":	498,
            					"rttvar":	20,
            					"pmtu":	1500,
            					"omitted":	false,
            					"sender":	true
            				}],
            			"sum":	{
            				"start":	1.000123,
            				"end":	2.000211,
            				"seconds":	1.0000879764556885,
            				"bytes":	103809024,
            				"bits_per_second":	830399300,
            				"retransmits":	2,
            				"omitted":	false,
            				"sender":	true
            			}
            		}],
            	"end":	{
            		"streams":	[{
            				"sender":	{
            					"socket":	5,
            					"start":	0,
            					"end":	2.000211,
            					"seconds":	2.000211,
            					"bytes":	106954752,
            					"bits_per_second":	427774600,
            					"retransmits":	3,
            					"max_snd_cwnd":	1203400,
            					"max_snd_wnd":	328704,
            					"max_rtt":	610,
            					"min_rtt":	401,
            					"mean_rtt":	457,
            					"sender":	true
            				},
            				"receiver":	{
            					"socket":	5,
            					"start":	0,
            					"end":	2.000401,
            					"seconds":	2.000211,
            					"bytes":	106430464,
            					"bits_per_second":	425640000,
            					"sender":	true
            				}
            			}, {
            				"sender":	{
            					"socket":	7,
            					"start":	0,
            					"end":	2.000211,
            					"seconds":	2.000211,
            					"bytes":	96468992,
            					"bits_per_second":	385834700,
            					"retransmits":	3,
            					"max_snd_cwnd":	1001200,
            					"max_snd_wnd":	328704,
            					"max_rtt":	640,
            					"min_rtt":	420,
            					"mean_rtt":	504,
            					"sender":	true
            				},
            				"receiver":	{
            					"socket":	7,
            					"start":	0,
            					"end":	2.000401,
            					"seconds":	2.000211,
            					"bytes":	95944704,
            					"bits_per_second":	383720000,
            					"sender":	true
            				}
            			}],
            		"sum_sent":	{
            			"start":	0,
            			"end":	2.000211,
            			"seconds":	2.000211,
            			"bytes":	203423744,
            			"bits_per_second":	813609300.5,
            			"retransmits":	6,
            			"sender":	true
            		},
            		"sum_received":	{
            			"start":	0,
            			"end":	2.000401,
            			"seconds":	2.000401,
            			"bytes":	202375168,
            			"bits_per_second":	8.0936e8,
            			"sender":	true
            		},
            		"cpu_utilization_percent":	{
            			"host_total":	23.5,
            			"host_user":	1.2,
            			"host_system":	22.3,
            			"remote_total":	18.1,
            			"remote_user":	0.9,
            			"remote_system":	17.2
            		},
            		"sender_tcp_congestion":	"cubic",
            		"receiver_tcp_congestion":	"cubic"
            	}
            }
            """;

    /** What iperf3 3.12 prints (and exits 0 with) when it cannot reach the server. */
    static final String CONNECT_REFUSED = """
            {
            	"start":	{
            		"connected":	[],
            		"version":	"iperf 3.12",
            		"system_info":	"Linux vm 6.1.0 #1 SMP x86_64"
            	},
            	"intervals":	[],
            	"end":	{
            	},
            	"error":	"unable to connect to server: Connection refused"
            }
            """;

    /** A report with one stream and the given end section, for malformed-input cases. */
    static String withEnd(String end) {
        return "{\"start\": {\"version\": \"iperf 3.12\"}, \"intervals\": [], \"end\": " + end + "}";
    }

    /** Recorded from iperf3 3.12 on loopback: {@code -u -b 10M -t 1 -J} (UDP: loss and jitter in end.sum_received). */
    static final String UDP_LOOPBACK = """
            {
            	"start":	{
            		"connected":	[{
            				"socket":	5,
            				"local_host":	"127.0.0.1",
            				"local_port":	43736,
            				"remote_host":	"127.0.0.1",
            				"remote_port":	5299
            			}],
            		"version":	"iperf 3.12",
            		"system_info":	"Linux vm 6.18.44-fc-v769 #1 SMP PREEMPT_DYNAMIC @0 x86_64",
            		"timestamp":	{
            			"time":	"Mon, 30 Nov 2026 08:08:44 GMT",
            			"timesecs":	1796026124
            		},
            		"connecting_to":	{
            			"host":	"127.0.0.1",
            			"port":	5299
            		},
            		"cookie":	"x2vehaxdncdhjxutebuejb6accn4uunvudyc",
            		"target_bitrate":	10000000,
            		"sock_bufsize":	0,
            		"sndbuf_actual":	212992,
            		"rcvbuf_actual":	212992,
            		"test_start":	{
            			"protocol":	"UDP",
            			"num_streams":	1,
            			"blksize":	32768,
            			"omit":	0,
            			"duration":	1,
            			"bytes":	0,
            			"blocks":	0,
            			"reverse":	0,
            			"tos":	0,
            			"target_bitrate":	10000000
            		}
            	},
            	"intervals":	[{
            			"streams":	[{
            					"socket":	5,
            					"start":	0,
            					"end":	1.000112,
            					"seconds":	1.0001120567321777,
            					"bytes":	1277952,
            					"bits_per_second":	10222470.50336061,
            					"packets":	39,
            					"omitted":	false,
            					"sender":	true
            				}],
            			"sum":	{
            				"start":	0,
            				"end":	1.000112,
            				"seconds":	1.0001120567321777,
            				"bytes":	1277952,
            				"bits_per_second":	10222470.50336061,
            				"packets":	39,
            				"omitted":	false,
            				"sender":	true
            			}
            		}],
            	"end":	{
            		"streams":	[{
            				"udp":	{
            					"socket":	5,
            					"start":	0,
            					"end":	1.000112,
            					"seconds":	1.000112,
            					"bytes":	1277952,
            					"bits_per_second":	10222471.083238678,
            					"jitter_ms":	0.311749517056122,
            					"lost_packets":	0,
            					"packets":	39,
            					"lost_percent":	0,
            					"out_of_order":	0,
            					"sender":	true
            				}
            			}],
            		"sum":	{
            			"start":	0,
            			"end":	1.000166,
            			"seconds":	1.000166,
            			"bytes":	1277952,
            			"bits_per_second":	10222471.083238678,
            			"jitter_ms":	0.311749517056122,
            			"lost_packets":	0,
            			"packets":	39,
            			"lost_percent":	0,
            			"sender":	true
            		},
            		"sum_sent":	{
            			"start":	0,
            			"end":	1.000112,
            			"seconds":	1.000112,
            			"bytes":	1277952,
            			"bits_per_second":	10222471.083238678,
            			"jitter_ms":	0,
            			"lost_packets":	0,
            			"packets":	39,
            			"lost_percent":	0,
            			"sender":	true
            		},
            		"sum_received":	{
            			"start":	0,
            			"end":	1.000166,
            			"seconds":	1.000166,
            			"bytes":	1277952,
            			"bits_per_second":	10221919.161419204,
            			"jitter_ms":	0.311749517056122,
            			"lost_packets":	0,
            			"packets":	39,
            			"lost_percent":	0,
            			"sender":	false
            		},
            		"cpu_utilization_percent":	{
            			"host_total":	2.00865859473536,
            			"host_user":	0,
            			"host_system":	2.00865859473536,
            			"remote_total":	0.361337849889819,
            			"remote_user":	0,
            			"remote_system":	0.361237867086861
            		}
            	}
            }
            """;
}
