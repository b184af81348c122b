package io.quarkiverse.bedrock.benchmarks.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link EventStreamDecodeBenchmark} with the GC profiler and {@link CpuTimeProfiler} and prints the side-by-side
 * table (asciidoc): for every decoder MB/s and frames/s (wall clock), MB per CPU-second, bytes allocated per frame,
 * and each against the AWS SDK's decoder. Takes the usual JMH options ({@code -f 1 -wi 3 -i 5 -w 1s -r 1s}...); the two
 * profilers are added when missing. With {@code -Dtable=FILE} the table is also written to FILE.
 */
public final class DecoderComparison {

    private static final List<String> DECODERS = List.of("ours", "awsSdk", "awsStandalone", "crc32Ceiling");
    private static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private DecoderComparison() {
    }

    public static void main(String[] args) throws CommandLineOptionException, RunnerException, IOException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(EventStreamDecodeBenchmark.class.getName());
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals("gc")
                || p.getKlass().equals(GCProfiler.class.getName()))) {
            options.addProfiler(GCProfiler.class);
        }
        if (cli.getProfilers().stream().noneMatch(p -> p.getKlass().equals(CpuTimeProfiler.class.getName()))) {
            options.addProfiler(CpuTimeProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        String table = table(results);
        System.out.println();
        System.out.println(table);
        String file = System.getProperty("table");
        if (file != null) {
            Files.writeString(Path.of(file), table, StandardCharsets.UTF_8);
        }
    }

    /** One measured decoder on one case. */
    private record Row(double opsPerSecond, double opsError, double allocPerOp, double cpuNanosPerOp) {
    }

    static String table(Collection<RunResult> results) {
        // payload size -> chunk size -> decoder -> row
        Map<Integer, Map<Integer, Map<String, Row>>> cases = new TreeMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            String decoder = method.substring(method.lastIndexOf('.') + 1);
            int payload = Integer.parseInt(r.getParams().getParam("payloadSize"));
            int chunk = Integer.parseInt(r.getParams().getParam("chunkSize"));
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get(ALLOC_NORM);
            Result<?> cpu = r.getSecondaryResults().get(CpuTimeProfiler.CPU_TIME_NORM);
            cases.computeIfAbsent(payload, k -> new TreeMap<>()).computeIfAbsent(chunk, k -> new TreeMap<>())
                    .put(decoder, new Row(primary.getScore(), primary.getScoreError(),
                            alloc == null ? Double.NaN : alloc.getScore(), cpu == null ? Double.NaN : cpu.getScore()));
        }
        StringBuilder out = new StringBuilder();
        out.append("[cols=\">1,>1,<2,>2,>2,>2,>2,>1,>1,>1\",options=\"header\"]\n|===\n");
        out.append("|Payload |Chunk |Decoder |MB/s |frames/s |MB per CPU-second |B/frame |MB/s vs SDK "
                + "|MB per CPU-second vs SDK |B/frame vs SDK\n");
        StringBuilder summary = new StringBuilder();
        summary.append("[cols=\">1,>1,>1,>1,>1,<1\",options=\"header\"]\n|===\n");
        summary.append("|Payload |Chunk |MB/s ours/SDK |MB per CPU-second ours/SDK (target >= 1.50) "
                + "|B/frame ours/SDK (target \\<= 0.50) |Targets met (CPU time, allocation)\n");
        cases.forEach((payload, byChunk) -> byChunk.forEach((chunk, byDecoder) -> {
            int frames = BedrockLikeStream.framesPerStream(payload);
            int bytes = BedrockLikeStream.bytesPerStream(payload);
            Row sdk = byDecoder.get("awsSdk");
            out.append('\n');
            for (String decoder : DECODERS) {
                Row row = byDecoder.get(decoder);
                if (row == null) {
                    continue;
                }
                boolean checksumOnly = decoder.equals("crc32Ceiling");
                out.append('|').append(size(payload)).append(" |").append(size(chunk)).append(" |").append(decoder)
                        .append(" |").append(String.format(Locale.ROOT, "%,.0f ± %,.0f", row.opsPerSecond * bytes / 1e6,
                                row.opsError * bytes / 1e6))
                        .append(" |").append(String.format(Locale.ROOT, "%,.0f", row.opsPerSecond * frames))
                        .append(" |").append(String.format(Locale.ROOT, "%,.0f", bytes / row.cpuNanosPerOp * 1e3))
                        .append(" |").append(checksumOnly ? "-" : String.format(Locale.ROOT, "%,.1f", row.allocPerOp / frames))
                        .append(" |").append(sdk == null ? "-" : ratio(row.opsPerSecond / sdk.opsPerSecond))
                        .append(" |").append(sdk == null ? "-" : ratio(sdk.cpuNanosPerOp / row.cpuNanosPerOp))
                        .append(" |").append(sdk == null || checksumOnly ? "-" : ratio(row.allocPerOp / sdk.allocPerOp))
                        .append('\n');
            }
            Row ours = byDecoder.get("ours");
            if (ours != null && sdk != null) {
                double cpu = sdk.cpuNanosPerOp / ours.cpuNanosPerOp;
                double alloc = ours.allocPerOp / sdk.allocPerOp;
                summary.append('|').append(size(payload)).append(" |").append(size(chunk)).append(" |")
                        .append(ratio(ours.opsPerSecond / sdk.opsPerSecond)).append(" |").append(ratio(cpu)).append(" |")
                        .append(ratio(alloc)).append(" |").append(cpu >= 1.5 && alloc <= 0.5 ? "yes" : "no").append('\n');
            }
        }));
        out.append("|===\n");
        summary.append("|===\n");
        return out.append('\n').append(summary).toString();
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    private static String size(int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
