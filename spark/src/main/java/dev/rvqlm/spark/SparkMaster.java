package dev.rvqlm.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --spark MASTER} value, checked before Spark starts: a master URL Spark accepts, and for a standalone
 * master, one that answers. Spark itself would retry an unreachable standalone master for a minute before giving up;
 * a user should know in seconds.
 *
 * @param url the master URL handed to Spark, empty when spark-submit already set it ({@code --spark submit})
 */
public record SparkMaster(Optional<String> url) {

    /** How long one address may take to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^/]+");

    /** Parses {@code --spark}'s value; {@code submit} takes the master spark-submit gave this JVM. */
    public static SparkMaster parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equals("submit")) {
            if (System.getProperty("spark.master") == null) {
                throw new IllegalArgumentException("--spark submit: this rvq was not started by spark-submit (no "
                        + "spark.master); give a master instead, e.g. --spark local[*] or --spark spark://HOST:7077");
            }
            return new SparkMaster(Optional.empty());
        }
        if (LOCAL.matcher(v).matches()
                || STANDALONE.matcher(v).matches()
                || v.equals("yarn")
                || v.startsWith("k8s://")) {
            return new SparkMaster(Optional.of(v));
        }
        throw new IllegalArgumentException("--spark " + value + ": not a Spark master URL; give local[*], local[N], "
                + "spark://HOST:PORT, yarn, k8s://https://HOST:PORT, or submit (under spark-submit)");
    }

    public boolean local() {
        return url.map(u -> u.startsWith("local")).orElse(false);
    }

    /** N of {@code local[N]} or {@code local[N,F]} (the cores for {@code local[*]}, 1 for {@code local}). */
    int localThreads() {
        Matcher m = LOCAL.matcher(url.orElse(""));
        if (!m.matches() || m.group(2) == null) {
            return 1;
        }
        return m.group(2).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(2));
    }

    /** Standalone master addresses (one per master of an HA setup), empty for other masters. */
    List<InetSocketAddress> standaloneAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        url.filter(u -> u.startsWith("spark://")).ifPresent(u -> {
            for (String hostPort : u.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--spark " + u + ": '" + hostPort + "' has no port (the "
                            + "standalone master listens on 7077 unless told otherwise)");
                }
                int port;
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--spark " + u + ": bad port in '" + hostPort + "'");
                }
                addresses.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port));
            }
        });
        return addresses;
    }

    /**
     * Fails with one line unless at least one standalone master accepts a connection (at most
     * {@link #CONNECT_TIMEOUT_MS} per address); other masters are left to Spark.
     */
    public void requireReachable() {
        List<InetSocketAddress> addresses = standaloneAddresses();
        if (addresses.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(a.getHostString(), a.getPort()), CONNECT_TIMEOUT_MS);
                return;
            } catch (UnknownHostException e) {
                problems.add(a.getHostString() + ": unknown host");
            } catch (IOException e) {
                problems.add(a.getHostString() + ":" + a.getPort() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        throw new IllegalArgumentException("--spark " + url.orElseThrow() + ": cannot reach the Spark master ("
                + String.join("; ", problems) + "); is it running, and is this the address it printed?");
    }
}
