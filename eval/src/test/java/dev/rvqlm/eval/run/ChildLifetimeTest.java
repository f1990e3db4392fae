package dev.rvqlm.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A parallel eval that is stopped leaves no child process running, whether its shutdown hooks run or not. */
class ChildLifetimeTest {

    static final Pattern CHILD_PID = Pattern.compile("\\[\\d/2 \\w] training in child process (\\d+), .*");

    @TempDir
    Path dir;

    /** The parent: schedules two runs in children that never finish (args: report directory, watch or not). */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            EvalProgress progress = EvalProgress.every5s(
                    line -> {
                        System.out.println(line);
                        System.out.flush();
                    },
                    List.of("a", "b"),
                    new double[] {1, 1});
            Path report = Path.of(args[0]);
            new ChildRuns(new RunScheduling(2, name -> OneRunChild.java(Child.class, name, args[1])), progress)
                    .run(
                            List.of(
                                    new ChildRuns.Job(0, "a", report.resolve("a"), 1),
                                    new ChildRuns.Job(1, "b", report.resolve("b"), 1)),
                            job -> {});
        }
    }

    /**
     * A child that would train for a minute; it says when it is ready (args: run name, and "watch" to watch its
     * parent as the eval's children do, anything else to leave stopping it to the parent).
     */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            if (args[1].equals("watch")) {
                ChildRuns.haltWhenParentExits();
            }
            System.err.println(new ProgressEvent.Note("ready").line());
            Thread.sleep(60_000);
        }
    }

    @Test
    void stoppingTheParentStopsItsChildren() throws Exception {
        assertChildrenEnd(false, "do not watch"); // only the parent's shutdown hook can stop them
    }

    @Test
    void killingTheParentWithoutItsHooksStillEndsItsChildren() throws Exception {
        assertChildrenEnd(true, "watch");
    }

    private void assertChildrenEnd(boolean kill, String watch) throws Exception {
        Process parent = OneRunChild.java(Parent.class, dir.toString(), watch)
                .redirectErrorStream(true)
                .start();
        List<Long> children = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        int ready = 0;
        try (BufferedReader out = parent.inputReader(StandardCharsets.UTF_8)) {
            while (ready < 2) {
                String line = out.readLine();
                if (line == null) {
                    throw new AssertionError("the parent ended early:\n" + String.join("\n", lines));
                }
                lines.add(line);
                Matcher m = CHILD_PID.matcher(line);
                if (m.matches()) {
                    children.add(Long.parseLong(m.group(1)));
                }
                if (line.endsWith("] ready")) {
                    ready++;
                }
            }
            assertEquals(2, children.size(), String.join("\n", lines));
            if (kill) {
                parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
            } else {
                parent.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook stops the children
            }
            assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
        }
        for (long pid : children) {
            ProcessHandle child = ProcessHandle.of(pid).orElse(null);
            if (child != null) {
                child.onExit().get(20, TimeUnit.SECONDS); // throws a TimeoutException if it lives on
            }
        }
        for (long pid : children) {
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "child " + pid + " still runs");
        }
    }
}
