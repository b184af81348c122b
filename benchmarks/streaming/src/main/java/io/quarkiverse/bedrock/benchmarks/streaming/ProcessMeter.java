package io.quarkiverse.bedrock.benchmarks.streaming;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}) and the bytes allocated by all its live
 * threads ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}, summed).
 */
final class ProcessMeter {

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    /**
     * @param cpuNanos process CPU time
     * @param allocatedBytes sum of the allocated bytes of all live threads; a thread that died since the previous
     *        reading takes its bytes with it, so the harness keeps its threads alive across a round
     * @param cpuByThreads CPU time per thread group ({@link ThreadCpu})
     */
    record Reading(long cpuNanos, long allocatedBytes, java.util.Map<String, Long> cpuByThreads) {
    }

    ProcessMeter() {
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /**
     * @return the reading that starts a round: the thread groups are read first, so that the bytes and CPU of reading
     *         {@code /proc} for every thread ({@link ThreadCpu}) are not counted in the round, as they were for every
     *         client (the more threads, the more bytes)
     */
    Reading start() {
        java.util.Map<String, Long> groups = ThreadCpu.read();
        return new Reading(os.getProcessCpuTime(), allocatedBytes(), groups);
    }

    /** @return the reading that ends a round: the counters first, then the thread groups */
    Reading end() {
        long cpu = os.getProcessCpuTime();
        long bytes = allocatedBytes();
        return new Reading(cpu, bytes, ThreadCpu.read());
    }

    private long allocatedBytes() {
        long[] bytes = threads.getThreadAllocatedBytes(threads.getAllThreadIds());
        long sum = 0;
        for (long b : bytes) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }
}
