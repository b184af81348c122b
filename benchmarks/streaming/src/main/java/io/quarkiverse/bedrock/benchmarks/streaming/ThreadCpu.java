package io.quarkiverse.bedrock.benchmarks.streaming;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads, grouped by thread name with digits dropped ("C2 CompilerThread0" and
 * "C2 CompilerThread1" are one group), read from {@code /proc/self/task/<tid>/stat} (Linux only; empty elsewhere).
 * It tells where a round's process CPU went: event loops, JIT compilers, GC.
 */
final class ThreadCpu {

    /** Linux's USER_HZ: {@code /proc} counts CPU time in ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadCpu() {
    }

    /** @return CPU nanoseconds (user + system) per thread group, for the threads alive now */
    static Map<String, Long> read() {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ..." where name may hold spaces and parentheses
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = group(stat.substring(open + 1, close));
                    String[] fields = stat.substring(close + 2).split(" ");
                    // fields[11] and fields[12] are utime and stime (fields 14 and 15 of proc(5))
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    groups.merge(name, ticks * NANOS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    /** Drops digits and '#' without a regex: the clients under test use java.util.regex, keep its JIT profile theirs. */
    private static String group(String threadName) {
        StringBuilder b = new StringBuilder(threadName.length());
        for (int i = 0; i < threadName.length(); i++) {
            char c = threadName.charAt(i);
            if (!Character.isDigit(c) && c != '#') {
                b.append(c);
            }
        }
        return b.toString().trim();
    }

    /** @return {@code after - before} per group, dropping groups that did not change */
    static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new TreeMap<>();
        after.forEach((group, nanos) -> {
            long d = nanos - before.getOrDefault(group, 0L);
            if (d > 0) {
                spent.put(group, d);
            }
        });
        return spent;
    }
}
