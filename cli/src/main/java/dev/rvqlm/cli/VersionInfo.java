package dev.rvqlm.cli;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What {@code rvq --version} prints: rvqlm's version (from the build), the git commit of the checkout the jar was
 * built in (asked of git, when there is one), and the versions of Java, DJL and the PyTorch library DJL runs.
 */
final class VersionInfo {

    private VersionInfo() {}

    static Map<String, String> collect() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("rvqlm", rvqlmVersion());
        v.put("commit", commit());
        v.put("java", System.getProperty("java.version"));
        v.put("djl", Engine.getDjlVersion());
        String torch;
        try {
            torch = Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            torch = "unavailable (" + e.getMessage() + ")";
        }
        v.put("pytorch", torch);
        return v;
    }

    static String text(Map<String, String> v) {
        return "rvqlm " + v.get("rvqlm") + " (commit " + v.get("commit") + ")\n" + "DJL " + v.get("djl") + ", PyTorch "
                + v.get("pytorch") + " (libtorch, CPU), Java " + v.get("java") + "\n";
    }

    private static String rvqlmVersion() {
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The commit of the git checkout above the jar (or classes), "unknown" without git or a checkout. */
    private static String commit() {
        try {
            Path at = Path.of(VersionInfo.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path dir = at; dir != null; dir = dir.getParent()) {
                if (Files.exists(dir.resolve(".git"))) {
                    Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "--short=12", "HEAD")
                            .redirectErrorStream(true)
                            .start();
                    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                    return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
