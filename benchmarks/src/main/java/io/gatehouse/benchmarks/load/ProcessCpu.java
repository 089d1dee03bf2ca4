package io.gatehouse.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time (user + system) of the processes named in {@code BENCH_CPU_PIDS} ("name:pid ...") and of
 * the load generator itself ("loadgen"), read
 * from {@code /proc/PID/stat} around a measured run, so a load harness can report the CPU each
 * process spent per call: on a small machine shared by server, database and load generator this is
 * steadier than throughput. Empty where there is no such variable or no {@code /proc}.
 */
final class ProcessCpu {
    /** Linux's USER_HZ: /proc reports CPU time in ticks of 1/100 s on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> before = new LinkedHashMap<>();

    private ProcessCpu() {}

    /** Starts counting for the processes in {@code BENCH_CPU_PIDS}. */
    static ProcessCpu start() {
        ProcessCpu cpu = new ProcessCpu();
        String spec = System.getenv("BENCH_CPU_PIDS");
        if (spec != null) {
            for (String item : spec.trim().split("\\s+")) {
                int colon = item.indexOf(':');
                if (colon > 0 && colon < item.length() - 1) {
                    try {
                        cpu.pids.put(item.substring(0, colon), Long.parseLong(item.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        // not a pid: leave it out
                    }
                }
            }
        }
        if (!cpu.pids.isEmpty()) {
            cpu.pids.put("loadgen", ProcessHandle.current().pid());
        }
        cpu.pids.forEach((name, pid) -> cpu.before.put(name, ticks(pid)));
        return cpu;
    }

    /** "server=0.41ms mariadb=0.20ms" per operation since {@link #start}; empty when nothing is counted. */
    String perOperation(long operations) {
        StringBuilder out = new StringBuilder();
        pids.forEach((name, pid) -> {
            long used = ticks(pid) - before.get(name);
            if (operations > 0 && used >= 0) {
                out.append(out.length() == 0 ? "" : " ").append(name).append('=')
                        .append(String.format("%.3fms", used / TICKS_PER_SECOND * 1000.0 / operations));
            }
        });
        return out.length() == 0 ? "" : " cpu/op " + out;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after it start past its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
