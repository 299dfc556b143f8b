package io.wanlab.core.pcap;

import static io.wanlab.core.pcap.TcpPackets.ACK;
import static io.wanlab.core.pcap.TcpPackets.PSH;
import static io.wanlab.core.pcap.TcpPackets.SYN;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapngWriterTest {
    private static final long T0 = 1_767_225_600_123_456_789L; // 2026-01-01T00:00:00.123456789Z

    @TempDir
    Path dir;

    @Test
    void roundTripsTwoInterfacesPacketsTimestampsAndComments() throws IOException {
        byte[] syn = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, SYN, new byte[0]);
        byte[] synAck = TcpPackets.tcp("198.19.2.20", 443, "198.18.1.10", 40000, SYN | ACK, new byte[0]);
        byte[] data = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, PSH | ACK, "hello".getBytes(UTF_8));
        Path file = dir.resolve("socket-a.pcapng");
        try (PcapngWriter writer = PcapngWriter.open(file)) {
            assertThat(writer.addInterface("socket-a-lan", "Socket A, LAN side")).isZero();
            assertThat(writer.addInterface("socket-a-wan", null)).isEqualTo(1);
            write(writer, 0, T0, syn, "rule 'Office → DC' (simple) → cato");
            write(writer, 1, T0 + 1, syn, "rule 'Office → DC' (simple) → cato");
            write(writer, 1, T0 + 1_000_000, synAck, null);
            write(writer, 0, T0 + 2_000_000_001L, data, "");
        }

        try (PcapngReader reader = PcapngReader.open(file)) {
            List<CapturedPacket> packets = List.of(reader.next(), reader.next(), reader.next(), reader.next());
            assertThat(reader.next()).isNull();
            assertThat(packets).containsExactly(
                    new CapturedPacket(0, "socket-a-lan", T0, syn, "rule 'Office → DC' (simple) → cato", syn.length),
                    new CapturedPacket(1, "socket-a-wan", T0 + 1, syn, "rule 'Office → DC' (simple) → cato", syn.length),
                    new CapturedPacket(1, "socket-a-wan", T0 + 1_000_000, synAck, null, synAck.length),
                    new CapturedPacket(0, "socket-a-lan", T0 + 2_000_000_001L, data, null, data.length));
            assertThat(reader.interfaces()).containsExactly(
                    new PcapngInterface(0, Pcapng.LINKTYPE_IPV4, Pcapng.SNAP_LENGTH, "socket-a-lan", "Socket A, LAN side", 9, 0),
                    new PcapngInterface(1, Pcapng.LINKTYPE_IPV4, Pcapng.SNAP_LENGTH, "socket-a-wan", null, 9, 0));
            assertThat(reader.section().userApplication()).isEqualTo("wanlab");
            assertThat(reader.section().os()).as("default shb_os names this JVM's OS").isNotBlank();
            assertThat(reader.section().hardware()).isNull();
        }
        assertThat(RawPcapng.walk(Files.readAllBytes(file))).extracting(RawPcapng.Block::type).containsExactly(
                Pcapng.BLOCK_SECTION_HEADER, Pcapng.BLOCK_INTERFACE_DESCRIPTION, Pcapng.BLOCK_INTERFACE_DESCRIPTION,
                Pcapng.BLOCK_ENHANCED_PACKET, Pcapng.BLOCK_ENHANCED_PACKET, Pcapng.BLOCK_ENHANCED_PACKET,
                Pcapng.BLOCK_ENHANCED_PACKET);
    }

    @Test
    void sectionHeaderIsLittleEndianVersionOneWithUnknownLength() throws IOException {
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, "lab-vm", "Linux 6.1")) {
            writer.flush();
        }
        ByteBuffer file = ByteBuffer.wrap(channel.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(file.getInt(0)).isEqualTo(0x0A0D0D0A);
        assertThat(Arrays.copyOfRange(channel.bytes(), 8, 12)).as("magic as written by a little-endian host")
                .containsExactly(0x4D, 0x3C, 0x2B, 0x1A);
        assertThat(file.getShort(12)).isEqualTo((short) 1);
        assertThat(file.getShort(14)).isEqualTo((short) 0);
        assertThat(file.getLong(16)).as("section length -1: not known while streaming").isEqualTo(-1L);
        assertThat(RawPcapng.walk(channel.bytes())).hasSize(1);
        try (PcapngReader reader = new PcapngReader(new ByteArrayInputStream(channel.bytes()))) {
            assertThat(reader.next()).isNull();
            assertThat(reader.section()).isEqualTo(new PcapngSection(1, 0, "lab-vm", "Linux 6.1", "wanlab"));
        }
    }

    static Stream<Arguments> packetAndCommentLengths() {
        return IntStream.rangeClosed(1, 8).boxed().flatMap(packetLength ->
                Stream.of("", "a", "ab", "abc", "abcd", "é", "→").map(comment -> Arguments.of(packetLength, comment)));
    }

    @ParameterizedTest(name = "{index}: {0} bytes, comment \"{1}\"")
    @MethodSource("packetAndCommentLengths")
    void padsOddPacketsAndCommentsToFourBytes(int packetLength, String comment) throws IOException {
        byte[] packet = new byte[packetLength];
        Arrays.fill(packet, (byte) 0xAB);
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            writer.addInterface("lan", "odd lengths");
            write(writer, 0, T0, packet, comment);
            write(writer, 0, T0, packet, null);
        }
        byte[] file = channel.bytes();
        List<RawPcapng.Block> blocks = RawPcapng.walk(file);
        int commentBytes = comment.getBytes(UTF_8).length;
        int withOptions = commentBytes == 0 ? 0 : 4 + Pcapng.pad4(commentBytes) + 4;
        assertThat(blocks.get(2).length()).isEqualTo(28 + Pcapng.pad4(packetLength) + withOptions + 4);
        assertThat(blocks.get(3).length()).as("no comment, no options").isEqualTo(28 + Pcapng.pad4(packetLength) + 4);
        assertThat(Arrays.copyOfRange(file, blocks.get(3).offset() + 28 + packetLength, blocks.get(3).offset() + 28 + Pcapng.pad4(packetLength)))
                .as("padding is zeros").isEqualTo(new byte[Pcapng.pad4(packetLength) - packetLength]);
        try (PcapngReader reader = new PcapngReader(new ByteArrayInputStream(file))) {
            CapturedPacket first = reader.next();
            assertThat(first.data()).isEqualTo(packet);
            assertThat(first.comment()).isEqualTo(comment.isEmpty() ? null : comment);
            assertThat(reader.next().comment()).isNull();
        }
    }

    @Test
    void truncatesPacketsBeyondSnapLengthKeepingTheOriginalLength() throws IOException {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] small = TcpPackets.tcp("198.18.1.10", 1, "198.19.2.20", 2, SYN, new byte[0]);
        Path file = dir.resolve("big.pcapng");
        try (PcapngWriter writer = PcapngWriter.open(file)) {
            writer.addInterface("pop", null);
            write(writer, 0, T0, big, "jumbo");
            write(writer, 0, T0 + 1, small, "after");
        }
        List<CapturedPacket> packets = PcapngReader.readAll(file);
        assertThat(packets.get(0).data()).isEqualTo(Arrays.copyOf(big, Pcapng.SNAP_LENGTH));
        assertThat(packets.get(0).originalLength()).isEqualTo(300_000);
        assertThat(packets.get(0).truncated()).isTrue();
        assertThat(packets.get(0).comment()).isEqualTo("jumbo");
        assertThat(packets.get(1)).as("the block after a buffer-spanning one is intact")
                .isEqualTo(new CapturedPacket(0, "pop", T0 + 1, small, "after", small.length));
    }

    @Test
    void cutsLongCommentsOnACharacterBoundary() throws IOException {
        String comment = "→".repeat(1000); // 3 bytes each
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            writer.addInterface("lan", null);
            write(writer, 0, T0, new byte[20], comment);
        }
        String read = new PcapngReader(new ByteArrayInputStream(channel.bytes())).next().comment();
        assertThat(read.getBytes(UTF_8).length).isLessThanOrEqualTo(Pcapng.MAX_STRING_BYTES);
        assertThat(read).endsWith("...").doesNotContain("\uFFFD");
        assertThat(read).isEqualTo("→".repeat(340) + "...");
    }

    static Stream<Arguments> bytesLeftInBuffer() {
        return IntStream.iterate(0, k -> k <= 64, k -> k + 4).boxed()
                .flatMap(k -> Stream.of(Arguments.of(k, "packet"), Arguments.of(k, "interface")));
    }

    @ParameterizedTest(name = "{index}: {0} bytes left, then a {1}")
    @MethodSource("bytesLeftInBuffer")
    void writesBlocksThatStartNearTheEndOfTheBuffer(int bytesLeft, String next) throws IOException {
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            writer.addInterface("lan", null);
            int used = 44 + 40; // section header without hardware/os; interface "lan" without description
            write(writer, 0, T0, new byte[PcapngWriter.BUFFER_BYTES - used - 32 - bytesLeft], null);
            assertThat(channel.writes).as("the filler packet left the buffer %d bytes short of full", bytesLeft).isZero();
            if (next.equals("interface")) {
                writer.addInterface("wan", "added when the buffer was nearly full");
            }
            write(writer, next.equals("interface") ? 1 : 0, T0 + 1, new byte[] {0x45, 1, 2, 3, 4}, "abc");
        }
        assertThat(RawPcapng.walk(channel.bytes())).hasSize(next.equals("interface") ? 5 : 4);
        PcapngReader reader = new PcapngReader(new ByteArrayInputStream(channel.bytes()));
        reader.next();
        assertThat(reader.next()).isEqualTo(new CapturedPacket(next.equals("interface") ? 1 : 0,
                next.equals("interface") ? "wan" : "lan", T0 + 1, new byte[] {0x45, 1, 2, 3, 4}, "abc", 5));
    }

    @Test
    void leavesThePacketBufferAlone() throws IOException {
        byte[] packet = TcpPackets.tcp("198.18.1.10", 40000, "198.19.2.20", 443, SYN, new byte[0]);
        ByteBuf direct = Unpooled.directBuffer(64).writeBytes(new byte[] {9, 9, 9}).writeBytes(packet);
        direct.readerIndex(3);
        CompositeByteBuf composite = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.wrappedBuffer(Arrays.copyOf(packet, 7)))
                .addComponent(true, Unpooled.wrappedBuffer(Arrays.copyOfRange(packet, 7, packet.length)));
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            writer.addInterface("lan", null);
            writer.writePacket(0, T0, direct, "direct");
            writer.writePacket(0, T0, composite, "composite");
            assertThat(direct.readerIndex()).isEqualTo(3);
            assertThat(direct.writerIndex()).isEqualTo(3 + packet.length);
            assertThat(direct.refCnt()).as("not retained, not released").isEqualTo(1);
            assertThat(composite.readerIndex()).isZero();
            assertThat(composite.refCnt()).isEqualTo(1);
        } finally {
            direct.release();
            composite.release();
        }
        PcapngReader reader = new PcapngReader(new ByteArrayInputStream(channel.bytes()));
        assertThat(reader.next().data()).isEqualTo(packet);
        assertThat(reader.next().data()).isEqualTo(packet);
    }

    @Test
    void buffersUntilFlushAndClosesTheTarget() throws IOException {
        RecordingChannel channel = new RecordingChannel();
        PcapngWriter writer = new PcapngWriter(channel, null, null);
        writer.addInterface("lan", null);
        for (int i = 0; i < 100; i++) {
            write(writer, 0, T0 + i, new byte[60], "rule " + (i % 3));
        }
        assertThat(channel.writes).as("100 small packets fit the buffer").isZero();
        writer.flush();
        assertThat(channel.writes).isEqualTo(1);
        write(writer, 0, T0, new byte[PcapngWriter.BUFFER_BYTES * 2], null);
        assertThat(channel.writes).as("a packet larger than the buffer streams through it").isGreaterThanOrEqualTo(3);
        writer.close();
        assertThat(channel.isOpen()).isFalse();
        writer.close();
        assertThat(PcapngReader.readAll(write(dir.resolve("r.pcapng"), channel.bytes()))).hasSize(101);
    }

    @Test
    void writesToAnOutputStream() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter writer = new PcapngWriter(out);
        writer.addInterface("wan", "Socket B, WAN side");
        write(writer, 0, T0, new byte[] {0x45}, "x");
        writer.flush();
        int flushed = out.size();
        writer.close();
        assertThat(flushed).as("flush reaches the stream").isEqualTo(out.size()).isPositive();
        CapturedPacket packet = new PcapngReader(new ByteArrayInputStream(out.toByteArray())).next();
        assertThat(packet).isEqualTo(new CapturedPacket(0, "wan", T0, new byte[] {0x45}, "x", 1));
    }

    @Test
    void rejectsUnknownInterfacesAndNegativeTimestamps() throws IOException {
        ByteBuf packet = Unpooled.wrappedBuffer(new byte[20]);
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            assertThatThrownBy(() -> writer.writePacket(0, T0, packet, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interfaceId: 0 (expected: an id returned by addInterface, none added yet)");
            writer.addInterface("lan", null);
            writer.addInterface("wan", null);
            assertThatThrownBy(() -> writer.writePacket(2, T0, packet, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interfaceId: 2 (expected: an id returned by addInterface, 0..1)");
            assertThatThrownBy(() -> writer.writePacket(-1, T0, packet, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interfaceId: -1");
            assertThatThrownBy(() -> writer.writePacket(0, -5, packet, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestampNanos: -5");
            assertThatThrownBy(() -> writer.writePacket(0, T0, null, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("packet");
            assertThatThrownBy(() -> writer.addInterface(null, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("name");
            ByteBuf released = Unpooled.wrappedBuffer(new byte[20]);
            released.release();
            assertThatThrownBy(() -> writer.writePacket(0, T0, released, "late"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("packet: already released");
            write(writer, 0, T0, new byte[] {0x45}, "after the refused ones");
            writer.flush();
            assertThat(PcapngReader.readAll(write(dir.resolve("guards.pcapng"), channel.bytes())))
                    .as("refused packets leave no trace, later ones are intact")
                    .containsExactly(new CapturedPacket(0, "lan", T0, new byte[] {0x45}, "after the refused ones", 1));
        } finally {
            packet.release();
        }
    }

    @Test
    void refusesWritesAfterCloseOrAFailedWrite() throws IOException {
        PcapngWriter closed = new PcapngWriter(new RecordingChannel(), null, null);
        closed.addInterface("lan", null);
        closed.close();
        assertThatThrownBy(() -> write(closed, 0, T0, new byte[20], null)).isInstanceOf(ClosedChannelException.class);
        assertThatThrownBy(() -> closed.addInterface("wan", null)).isInstanceOf(ClosedChannelException.class);

        FailingChannel failing = new FailingChannel();
        PcapngWriter writer = new PcapngWriter(failing, null, null);
        writer.addInterface("lan", null);
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> write(writer, 0, T0, new byte[20], null))
                .isInstanceOf(IOException.class).hasMessageContaining("an earlier write failed")
                .hasRootCauseMessage("disk full");
        writer.close();
        assertThat(failing.isOpen()).as("close still closes the target").isFalse();
    }

    @Test
    void reEncodesAChangedCommentAfterReusingTheSameOne() throws IOException {
        String cato = "rule 1 → cato";
        String offCloud = "rule 2 → off-cloud";
        RecordingChannel channel = new RecordingChannel();
        try (PcapngWriter writer = new PcapngWriter(channel, null, null)) {
            writer.addInterface("lan", null);
            for (String comment : List.of(cato, cato, offCloud, cato, new String(cato))) {
                write(writer, 0, T0, new byte[20], comment);
            }
        }
        PcapngReader reader = new PcapngReader(new ByteArrayInputStream(channel.bytes()));
        List<String> comments = new ArrayList<>();
        for (CapturedPacket packet = reader.next(); packet != null; packet = reader.next()) {
            comments.add(packet.comment());
        }
        assertThat(comments).containsExactly(cato, cato, offCloud, cato, cato);
    }

    @Test
    void keepsBlocksWholeUnderConcurrentWriters() throws Exception {
        Path file = dir.resolve("concurrent.pcapng");
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PcapngWriter writer = PcapngWriter.open(file)) {
            for (int t = 0; t < threads; t++) {
                int id = writer.addInterface("tap-" + t, null);
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            byte[] packet = new byte[40 + (i % 7)];
                            Arrays.fill(packet, (byte) id);
                            write(writer, id, T0 + i, packet, id + "/" + i);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
        }
        assertThat(failures).isEmpty();
        List<CapturedPacket> packets = PcapngReader.readAll(file);
        assertThat(packets).hasSize(threads * perThread);
        for (CapturedPacket packet : packets) {
            String[] parts = packet.comment().split("/");
            int i = Integer.parseInt(parts[1]);
            assertThat(Integer.parseInt(parts[0])).isEqualTo(packet.interfaceId());
            assertThat(packet.timestampNanos()).isEqualTo(T0 + i);
            assertThat(packet.data()).hasSize(40 + (i % 7)).containsOnly(packet.interfaceId());
        }
    }

    /** Writes {@code packet} through a ByteBuf that is released afterwards, as a tap point would. */
    static void write(PcapngWriter writer, int interfaceId, long timestamp, byte[] packet, String comment)
            throws IOException {
        ByteBuf buffer = Unpooled.wrappedBuffer(packet);
        try {
            writer.writePacket(interfaceId, timestamp, buffer, comment);
        } finally {
            buffer.release();
        }
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** Records every byte written and how many write calls it took. */
    static final class RecordingChannel implements WritableByteChannel {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private boolean open = true;
        int writes;

        @Override
        public int write(ByteBuffer source) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            writes++;
            int n = source.remaining();
            byte[] chunk = new byte[n];
            source.get(chunk);
            written.writeBytes(chunk);
            return n;
        }

        byte[] bytes() {
            return written.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /** A target whose every write fails, like a full disk. */
    static final class FailingChannel implements WritableByteChannel {
        private boolean open = true;

        @Override
        public int write(ByteBuffer source) throws IOException {
            throw new IOException("disk full");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
