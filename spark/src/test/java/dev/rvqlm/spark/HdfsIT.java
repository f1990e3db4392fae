package dev.rvqlm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rvqlm.tokens.TokenManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rvq's Spark mode with every input and output on HDFS (a minicluster in this JVM), tasks on local[2]. */
class HdfsIT {

    @TempDir
    static Path dir;

    static Hdfs hdfs;
    static Path codec;
    static Path audio;

    @BeforeAll
    static void start() throws IOException {
        hdfs = Hdfs.start(dir.resolve("hdfs"));
        codec = TestAudio.codec(dir.resolve("codec"));
        audio = TestAudio.corpus(dir.resolve("audio"), 6);
    }

    @AfterAll
    static void stop() {
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void encodeFromAndToHdfsThenEvalReadingHdfsGiveWhatLocalFilesGive() throws IOException {
        String codecUri = hdfs.put(codec, "/models/codec.rvq");
        String audioUri = hdfs.put(audio, "/corpus/audio");
        String out = hdfs.uri() + "/corpus/tokens";
        RvqRun s = RvqRun.of("encode", "--codec", codecUri, "--audio", audioUri, "--out", out, "--spark", "local[2]");
        assertEquals(0, s.status(), s.err());
        Path local = dir.resolve("local").resolve("tokens"); // named as on HDFS: the report names the directory
        RvqRun l = RvqRun.of(
                "encode", "--codec", codec.toString(), "--audio", audio.toString(), "--out", local.toString());
        assertEquals(0, l.status(), l.err());

        Path fetched = dir.resolve("fetched");
        hdfs.get("/corpus/tokens", fetched);
        List<String> files = TokenDirectories.files(local);
        assertEquals(files, TokenDirectories.files(fetched));
        for (String name : files) {
            if (!name.equals(TokenManifest.FILE_NAME)) {
                assertArrayEquals(
                        Files.readAllBytes(local.resolve(name)), Files.readAllBytes(fetched.resolve(name)), name);
            }
        }
        TokenManifest expected = TokenManifest.read(local);
        TokenManifest actual = TokenManifest.read(fetched);
        assertEquals(expected.codec(), actual.codec());
        for (int i = 0; i < expected.files().size(); i++) {
            TokenManifest.Entry e = expected.files().get(i);
            TokenManifest.Entry a = actual.files().get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.frames(), a.frames());
            // the manifest records the audio as named: the HDFS URI here, the local path there
            assertEquals(audioUri + "/" + audio.relativize(Path.of(e.source())), a.source());
        }
        assertTrue(
                hdfs.fileSystem().listStatus(new org.apache.hadoop.fs.Path("/corpus")).length == 2,
                "audio and tokens, no staging directory left");
    }
}
