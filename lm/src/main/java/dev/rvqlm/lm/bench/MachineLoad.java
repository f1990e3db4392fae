package dev.rvqlm.lm.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What else the machine did while a benchmark was timed, so that a speed ratio is only claimed when it means
 * something: this process's CPU time and the whole machine's busy time (from {@code /proc/stat}) over the timed
 * intervals, and the load average at their start and end (from {@code /proc/loadavg}). The PyTorch yardstick
 * records the same {@code own_cores} and {@code foreign_cores}.
 *
 * <pre>{@code
 * MachineLoad load = new MachineLoad();
 * load.start(); run(); load.stop();        // any number of intervals (alternating engines: one meter each)
 * Map<String, Object> cpu = load.record(); // own_cores, foreign_cores, load_average, ncpu, comparable
 * }</pre>
 */
final class MachineLoad {

    /** Other processes may use at most this many cores while a benchmark is timed for its ratio to count. */
    static final double MAX_FOREIGN_CORES = 0.2;

    /** One reading: wall, this process's CPU and the machine's busy time, in seconds, and the 1-minute load. */
    record Reading(double wall, double own, double busy, double loadAverage) {

        static Reading now() {
            double own =
                    ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            return new Reading(System.nanoTime() / 1e9, own, machineBusySeconds(), MachineLoad.loadAverage());
        }
    }

    private double wall;
    private double own;
    private double busy;
    private double firstLoad = Double.NaN;
    private double lastLoad = Double.NaN;
    private Reading started;

    /** Starts an interval. */
    void start() {
        started = Reading.now();
        if (Double.isNaN(firstLoad)) {
            firstLoad = started.loadAverage();
        }
    }

    /** Ends the interval started last and adds it. */
    void stop() {
        add(started, Reading.now());
        started = null;
    }

    /** Adds the interval between two readings. */
    void add(Reading a, Reading b) {
        wall += b.wall() - a.wall();
        own += b.own() - a.own();
        busy += b.busy() - a.busy();
        if (Double.isNaN(firstLoad)) {
            firstLoad = a.loadAverage();
        }
        lastLoad = b.loadAverage();
    }

    /**
     * The record: cores used by this process and by everything else on average over the intervals, the load average
     * at the first start and the last stop, the CPU count, and whether the timing is comparable (other processes used
     * at most {@value #MAX_FOREIGN_CORES} of a core; false when that is unknown).
     */
    Map<String, Object> record() {
        double ownCores = own / wall;
        double foreign = Math.max(0, busy / wall - ownCores);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("own_cores", Timing.round(ownCores));
        m.put("foreign_cores", Timing.round(foreign));
        m.put("load_average", List.of(Timing.round(firstLoad), Timing.round(lastLoad)));
        m.put("ncpu", Runtime.getRuntime().availableProcessors());
        m.put("comparable", comparable(foreign));
        return m;
    }

    /** The rule: a timing counts when other processes used at most {@value #MAX_FOREIGN_CORES} of a core. */
    static boolean comparable(double foreignCores) {
        return foreignCores <= MAX_FOREIGN_CORES; // false for NaN: no /proc, no claim
    }

    /** user + nice + system + irq + softirq of /proc/stat's first line, in seconds (NaN without /proc). */
    static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long ticks = Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The 1-minute load average (NaN without /proc). */
    static double loadAverage() {
        try {
            return Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
