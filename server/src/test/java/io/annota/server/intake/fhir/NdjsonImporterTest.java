package io.annota.server.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.annota.intake.hl7.FhirTransactionSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NdjsonImporterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    private final Storage storage = new Storage();
    private final Checkpoints checkpoints = new Checkpoints();
    private final List<String> keptTexts = new ArrayList<>();

    private static String patient(String id) {
        return "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\"}";
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("not json", "", ImportFailures.NOT_JSON),
                Arguments.of("{\"resourceType\":\"Patient\",", "", ImportFailures.NOT_JSON),
                Arguments.of("{\"resourceType\":\"Nonsense\",\"id\":\"x\"}", "", ImportFailures.NOT_A_RESOURCE),
                Arguments.of("{\"id\":\"x\"}", "", ImportFailures.NOT_A_RESOURCE),
                Arguments.of("{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\"}", "Observation",
                        ImportFailures.WRONG_TYPE),
                Arguments.of(patient("refused"), "Patient", ImportFailures.REFUSED),
                Arguments.of(patient("dangling"), "Patient", ImportFailures.MISSING_TARGET),
                Arguments.of(patient("broken"), "Patient", "refused by storage (HTTP 400)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badLines")
    void aBadLineIsReportedWithItsLineNumberAndTheRestIsStored(String bad, String type, String reason)
            throws IOException {
        Path file = write("Patient.000.ndjson", patient("p1"), bad, "", patient("p2"), patient("p3"));
        FileProgress progress = new FileProgress("Patient.000.ndjson", "Patient");

        importer(10).importFile(file, "bulk", progress);

        assertThat(storage.ids()).containsExactlyInAnyOrder("p1", "p2", "p3");
        assertThat(progress.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.location()).isEqualTo("Patient.000.ndjson:2");
            assertThat(failure.resourceType()).isEqualTo(type);
            assertThat(failure.reason()).isEqualTo(reason);
            assertThat(failure.deadLetterId()).isEqualTo("dl-1");
        });
        assertThat(keptTexts).containsExactly(bad);
        assertThat(progress.total()).isEqualTo(4);
        assertThat(progress.done()).isEqualTo(4);
        assertThat(progress.stored()).isEqualTo(3);
        assertThat(progress.finished()).isTrue();
        assertThat(ImportReport.of(progress).folder()).isEqualTo("error");
        assertThat(ImportReport.of(progress).text()).contains("lines: 4, stored 3, failed 1")
                .contains("2\t" + (type.isEmpty() ? "-" : type) + "\t" + reason + "\tdead letter dl-1")
                .doesNotContain(bad.length() > 12 ? bad : "\u0000");
    }

    @Test
    void linesGoInBatchesOfTheConfiguredSizeWithACheckpointAfterEach() throws IOException {
        Path file = write("Patient.ndjson", patient("p1"), patient("p2"), patient("p3"), patient("p4"),
                patient("p5"));

        importer(2).importFile(file, "bulk", new FileProgress("Patient.ndjson", "Patient"));

        assertThat(storage.transactionSizes).containsExactly(2, 2, 1);
        assertThat(checkpoints.commits).containsExactly(2, 4);
        assertThat(checkpoints.lines).isEmpty();
        assertThat(ImportReport.of(progressOf(file)).folder()).isEqualTo("done");
    }

    @Test
    void aFailedBatchIsRetriedLineByLine() throws IOException {
        Path file = write("Patient.ndjson", patient("p1"), patient("refused"), patient("p3"));

        FileProgress progress = new FileProgress("Patient.ndjson", "Patient");
        importer(3).importFile(file, "bulk", progress);

        assertThat(storage.transactionSizes).containsExactly(3, 1, 1, 1);
        assertThat(storage.ids()).containsExactlyInAnyOrder("p1", "p3");
        assertThat(progress.failures()).extracting(LineFailure::location).containsExactly("Patient.ndjson:2");
    }

    @Test
    void anInterruptedImportContinuesAfterItsLastCommittedLine() throws IOException {
        Path file = write("Patient.ndjson", patient("p1"), patient("p2"), patient("p3"), patient("p4"));
        checkpoints.lines.put(FileIdentity.of(file), 2);

        FileProgress progress = new FileProgress("Patient.ndjson", "Patient");
        importer(2).importFile(file, "bulk", progress);

        assertThat(storage.ids()).containsExactly("p3", "p4");
        assertThat(progress.resumedAfterLine()).isEqualTo(2);
        assertThat(progress.done()).isEqualTo(4);
        assertThat(progress.stored()).isEqualTo(2);
        assertThat(checkpoints.lines).isEmpty();
        assertThat(ImportReport.of(progress).text()).contains("resumed after line 2");
    }

    @Test
    void aFileOfAnyTypeTakesEveryTypeAndResourcesWithoutIdAreCreated() throws IOException {
        Path file = write("export.ndjson", patient("p1"),
                "{\"resourceType\":\"Observation\",\"status\":\"final\"}");

        importer(10).importFile(file, "bulk", new FileProgress("export.ndjson", null));

        assertThat(storage.requests).containsExactly("PUT Patient/p1", "POST Observation");
    }

    private FileProgress progressOf(Path file) throws IOException {
        FileProgress progress = new FileProgress(file.getFileName().toString(), "Patient");
        progress.started(NdjsonImporter.countLines(file), 0);
        progress.complete();
        return progress;
    }

    private NdjsonImporter importer(int batchSize) {
        return new NdjsonImporter(FHIR, storage, checkpoints, (source, text, failure) -> {
            keptTexts.add(text);
            return "dl-" + keptTexts.size();
        }, NdjsonImporter.Counter.NONE, batchSize);
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    /** Storage that refuses transactions holding a resource with one of a few ids, as HAPI does. */
    private static final class Storage implements FhirTransactionSink {

        private final Map<String, String> stored = new LinkedHashMap<>();
        private final List<Integer> transactionSizes = new ArrayList<>();
        private final List<String> requests = new ArrayList<>();

        @Override
        public Bundle store(Bundle transaction) {
            transactionSizes.add(transaction.getEntry().size());
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                switch (entry.getResource().getIdElement().getIdPart() == null ? ""
                        : entry.getResource().getIdElement().getIdPart()) {
                    case "refused" -> throw new UnprocessableEntityException("HAPI-0000: refused");
                    case "dangling" -> throw new InvalidRequestException("HAPI-1094: Resource Patient/x not found");
                    case "broken" -> throw new InvalidRequestException("HAPI-0450: something else");
                    default -> { }
                }
            }
            for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
                requests.add(entry.getRequest().getMethod().toCode() + " " + entry.getRequest().getUrl());
                stored.put(entry.getRequest().getUrl(), entry.getResource().getIdElement().getIdPart());
            }
            return new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        }

        List<String> ids() {
            return List.copyOf(stored.values());
        }
    }

    /** Checkpoints in memory, remembering every commit. */
    private static final class Checkpoints implements ImportCheckpoints {

        private final Map<String, Integer> lines = new HashMap<>();
        private final List<Integer> commits = new ArrayList<>();

        @Override
        public int committedLine(String fileKey) {
            return lines.getOrDefault(fileKey, 0);
        }

        @Override
        public void commit(String fileKey, String fileName, int line) {
            lines.put(fileKey, line);
            commits.add(line);
        }

        @Override
        public void complete(String fileKey) {
            lines.remove(fileKey);
        }
    }
}
