package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokenizer.AudioIO;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rvq encode --spark local[2]} against a local encode, and its refusals, each in one line. */
class SparkEncodeIT {

    @TempDir
    static Path dir;

    static Path codec;
    static Path audio;

    @BeforeAll
    static void data() throws IOException {
        codec = TestAudio.codec(dir.resolve("codec"));
        audio = TestAudio.corpus(dir.resolve("audio"), 6);
    }

    @Test
    void sparkEncodeIsByteIdenticalToLocalEncode() throws IOException {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        RvqRun l = RvqRun.of(
                "encode", "--codec", codec.toString(), "--audio", audio.toString(), "--out", local.toString());
        assertEquals(0, l.status(), l.err());
        RvqRun s = RvqRun.of(
                "encode",
                "--codec",
                codec.toString(),
                "--audio",
                audio.toString(),
                "--out",
                spark.toString(),
                "--spark",
                "local[2]");
        assertEquals(0, s.status(), s.err());
        assertTrue(s.out().startsWith("encoded 6 files"), s.out());
        assertTrue(s.err().contains("[6/6]"), s.err());
        assertEquals(7, TokenDirectories.files(spark).size(), "six token files and the manifest");
        TokenDirectories.assertIdentical(local, spark);
        try (var siblings = Files.list(dir)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".encoding.")), "staging removed");
        }
    }

    @Test
    void refusesTwoFilesWithTheSameTokenName() throws IOException {
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        AudioIO.writeWav(other.resolve("clip0.wav"), TestAudio.clip(9, 0.5), TestAudio.RATE);
        RvqRun r = encode(
                dir.resolve("clash"),
                audio.resolve("speech/clip0.wav").toString(),
                other.resolve("clip0.wav").toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.lastErrorLine().contains("would both be written as clip0.npy"), r.err());
    }

    @Test
    void aBadAudioFileFailsInOneLineNamingIt() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("broken.wav"), "not audio at all");
        RvqRun r = encode(dir.resolve("bad-out"), bad.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.lastErrorLine().startsWith("rvq: " + bad.resolve("broken.wav")), r.err());
        assertFalse(Files.exists(dir.resolve("bad-out").resolve("manifest.json")));
    }

    @Test
    void anUnreachableMasterFailsFastInOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        long start = System.nanoTime();
        RvqRun r = RvqRun.of(
                "encode",
                "--codec",
                codec.toString(),
                "--audio",
                audio.toString(),
                "--out",
                dir.resolve("never").toString(),
                "--spark",
                "spark://127.0.0.1:" + port);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot reach the Spark master"), r.err());
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void aMasterThatIsNotAUrlIsRefused() {
        RvqRun r = encodeOn("nowhere", dir.resolve("never"), audio.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.lastErrorLine().contains("--spark nowhere: not a Spark master URL"), r.err());
    }

    @Test
    void anOutputThatCannotBeWrittenIsFoundBeforeAnyWork() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        RvqRun r = encode(file.resolve("tokens"), audio.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.lastErrorLine().contains("cannot be written"), r.err());
        assertFalse(r.err().contains("[1/"), "no file was encoded: " + r.err());
    }

    private static RvqRun encode(Path out, String... audioFiles) {
        return encodeOn("local[2]", out, audioFiles);
    }

    private static RvqRun encodeOn(String master, Path out, String... audioFiles) {
        java.util.List<String> args = new java.util.ArrayList<>(
                java.util.List.of("encode", "--codec", codec.toString(), "--out", out.toString(), "--spark", master));
        for (String a : audioFiles) {
            args.add("--audio");
            args.add(a);
        }
        return RvqRun.of(args.toArray(String[]::new));
    }
}
