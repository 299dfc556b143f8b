/** {@code wanlab repro}: the seed's scenarios on one live lab, judged by the evidence in captures and events. */
package io.wanlab.bench.repro;
