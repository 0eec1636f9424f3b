package io.annota.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.bench.driver.ReplayReport;
import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.SyntheticFeed;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The replay driver against a real, running Annota (in process, lite NLP): everything sent must be stored. */
@ExtendWith(SharedAnnota.class)
class ReplayDriverSmokeIT {

    @Test
    void mllpGeneratedAdt(EmbeddedAnnota annota, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("mllp.json");
        ReplayReport report = ReplayDriver.run("mllp", "--host", "127.0.0.1", "--port", str(annota.mllpPort()),
                "--connections", "1", "--generated", "--seed", str(System.nanoTime()), "--messages", "20",
                "--warmup", "2", "--actuator", annota.actuatorBase());
        report.writeJson(json);

        assertThat(report.sent()).isEqualTo(20);
        assertThat(report.outcomes()).containsOnlyKeys("AA");
        assertThat(report.succeeded()).isEqualTo(20);
        assertPercentiles(report);
        assertThat(report.server().cpuAverage()).isNotNull().isBetween(0.0, 1.0);
        assertThat(report.server().rssMaxBytes()).isNotNull().isPositive();
        assertThat(ReplayReport.readJson(json)).isEqualTo(report);
        assertThat(report.toText()).contains("p50", "p95", "p99", "AA=20", "RSS max");
    }

    @Test
    void mllpGeneratedOruAndMdmAreStored(EmbeddedAnnota annota) throws Exception {
        for (String type : List.of("oru", "mdm")) {
            ReplayReport report = ReplayDriver.run("mllp", "--host", "127.0.0.1", "--port", str(annota.mllpPort()),
                    "--generated", "--type", type, "--seed", str(System.nanoTime()), "--messages", "4",
                    "--no-server-metrics");

            assertThat(report.source()).startsWith("generated " + type.toUpperCase(java.util.Locale.ROOT));
            assertThat(report.outcomes()).containsOnlyKeys("AA");
            assertThat(report.sets()).singleElement().satisfies(set -> {
                assertThat(set.sent()).isEqualTo(4);
                assertThat(set.rejections()).isEmpty();
            });
        }
    }

    @Test
    void fhirTransactionsFromTwoClients(EmbeddedAnnota annota) throws Exception {
        ReplayReport report = ReplayDriver.run("fhir", "--base", annota.fhirBase(), "--clients", "2",
                "--bundles", "3", "--seed", str(System.nanoTime()), "--unconditional");

        assertThat(report.sent()).isEqualTo(3);
        assertThat(report.succeeded()).isEqualTo(3);
        assertThat(report.outcomes().keySet()).allSatisfy(kind -> assertThat(kind).startsWith("HTTP 2"));
        assertPercentiles(report);
        assertThat(report.server().rssMaxBytes()).isNotNull().isPositive();
    }

    @Test
    void ndjsonImportOfASmallExport(EmbeddedAnnota annota) throws Exception {
        Path export = Files.createDirectories(annota.dataDir().resolve("import").resolve("smoke-" + System.nanoTime()));
        String run = Long.toString(System.nanoTime());
        Files.write(export.resolve("Patient.000.ndjson"), List.of(
                "{\"resourceType\":\"Patient\",\"id\":\"smoke-a-" + run + "\",\"gender\":\"female\"}",
                "{\"resourceType\":\"Patient\",\"id\":\"smoke-b-" + run + "\",\"gender\":\"male\"}"));
        Files.write(export.resolve("Observation.000.ndjson"), List.of("{\"resourceType\":\"Observation\",\"id\":"
                + "\"smoke-o-" + run + "\",\"status\":\"final\",\"code\":{\"text\":\"weight\"},"
                + "\"subject\":{\"reference\":\"Patient/smoke-a-" + run + "\"}}"));
        Files.writeString(export.resolve("log.ndjson"), "{\"eventId\":\"export_complete\"}\n");

        ReplayReport report = ReplayDriver.run("ndjson-import", "--base", annota.fhirBase(), "--dir",
                export.toString(), "--max-seconds", "60");

        assertThat(report.sent()).isEqualTo(3);
        assertThat(report.succeeded()).isEqualTo(3);
        assertThat(report.outcomes()).containsEntry("stored", 3L).containsEntry("failed", 0L);
        assertThat(report.throughput()).isPositive();
    }

    @Test
    void mllpFilesWithLineFeedsAndSeveralMessagesPerFile(EmbeddedAnnota annota, @TempDir Path dir) throws Exception {
        List<GeneratedHl7> messages = new SyntheticFeed(System.nanoTime()).adtFeed(4);
        Files.write(dir.resolve("one.hl7"), lf(messages.get(0)));
        ByteArrayOutputStream three = new ByteArrayOutputStream();
        for (GeneratedHl7 message : messages.subList(1, 4)) {
            three.write(lf(message));
        }
        Files.write(dir.resolve("three.hl7"), three.toByteArray());
        Files.writeString(dir.resolve("README.md"), "not a message");
        Files.createDirectories(dir.resolve("other/queries"));
        Files.writeString(dir.resolve("other/queries/query.hl7"),
                "MSH|^~\\&|A|B|C|D|20240101||QRY^A19|Q1|P|2.5\nQRD|20240101|R|I|Q1|||1^RD|X|DEM\n");

        ReplayReport report = ReplayDriver.run("mllp", "--host", "127.0.0.1", "--port", str(annota.mllpPort()),
                "--files", dir + "/**", "--no-server-metrics");

        assertThat(report.sent()).isEqualTo(5);
        assertThat(report.outcomes()).containsEntry("AA", 4L);
        assertThat(report.server().cpuAverage()).isNull();
        assertThat(report.sets()).extracting(ReplayReport.SetAnswers::set)
                .containsExactly(dir.getFileName().toString(), "other/queries");
        assertThat(report.sets().get(0).acceptedShare()).isEqualTo(1.0);
        ReplayReport.SetAnswers queries = report.sets().get(1);
        assertThat(queries.answered()).isEqualTo(1);
        // the type of the refused message and the server's fixed reason, never its contents
        assertThat(queries.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.messageType()).isEqualTo("QRY^A19");
            assertThat(rejection.code()).isIn("AE", "AR");
            assertThat(rejection.errorCode()).isNotEmpty();
            assertThat(rejection.reason()).isNotBlank().doesNotContain("DEM");
        });
        assertThat(report.toText()).contains("set other/queries", "QRY^A19");
    }

    /** The message as a file written on Unix would hold it: LF line ends, bytes otherwise unchanged. */
    private static byte[] lf(GeneratedHl7 message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = message.bytes();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            out.write(bytes[i] == '\r' ? '\n' : bytes[i]);
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\r' && bytes[bytes.length - 1] != '\n') {
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void assertPercentiles(ReplayReport report) {
        assertThat(report.latencyMs().count()).isEqualTo((int) report.answered());
        assertThat(report.latencyMs().p50()).isPositive();
        assertThat(report.latencyMs().p95()).isGreaterThanOrEqualTo(report.latencyMs().p50());
        assertThat(report.latencyMs().p99()).isGreaterThanOrEqualTo(report.latencyMs().p95());
        assertThat(report.throughput()).isPositive();
    }

    private static String str(long value) {
        return Long.toString(value);
    }
}
