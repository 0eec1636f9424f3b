package io.annota.server.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** The Parameters parts the export operations answer with: a k-anonymity report and a job's status. */
final class ExportParameters {

    private ExportParameters() {
    }

    /**
     * {@code k}, {@code records}, {@code classes}, {@code classesBelowK}, {@code recordsAtRisk}, and a
     * {@code class} part per class below k: its quasi-identifiers (absent when unknown), {@code patients} and a
     * {@code record} per record id.
     */
    static List<ParametersParameterComponent> risk(KAnonymity.Report report) {
        List<ParametersParameterComponent> parts = new ArrayList<>();
        parts.add(part("k", new IntegerType(report.k())));
        parts.add(part("records", new IntegerType(report.records())));
        parts.add(part("classes", new IntegerType(report.classes())));
        parts.add(part("classesBelowK", new IntegerType(report.belowK().size())));
        parts.add(part("recordsAtRisk", new IntegerType(report.riskyRecordIds().size())));
        for (KAnonymity.RiskyClass risky : report.belowK()) {
            ParametersParameterComponent part = new ParametersParameterComponent().setName("class");
            QuasiIdentifiers qi = risky.quasiIdentifiers();
            addIfKnown(part, "ageBand", qi.ageBand());
            addIfKnown(part, "gender", qi.gender());
            addIfKnown(part, "zip3", qi.zip3());
            addIfKnown(part, "year", qi.year());
            part.addPart(part("patients", new IntegerType(risky.patients())));
            risky.recordIds().forEach(id -> part.addPart(part("record", new StringType(id))));
            parts.add(part);
        }
        return parts;
    }

    /** job, status, total, done (documents), and once complete records, suppressed, risk and the download URL. */
    static List<ParametersParameterComponent> status(ExportJobs.Status status, String statusUrl, String downloadUrl) {
        List<ParametersParameterComponent> parts = new ArrayList<>();
        parts.add(part("job", new StringType(status.job())));
        parts.add(part("status", new StringType(status.state().code())));
        parts.add(part("format", new StringType(status.format().name().toLowerCase(Locale.ROOT))));
        parts.add(part("total", new IntegerType(status.total())));
        parts.add(part("done", new IntegerType(status.done())));
        parts.add(part("statusUrl", new StringType(statusUrl)));
        AnnotationExport.Summary summary = status.summary();
        if (status.state() == ExportJobs.State.COMPLETED) {
            parts.add(part("documents", new IntegerType(summary.documents())));
            parts.add(part("records", new IntegerType(summary.records())));
            parts.add(part("suppressed", new IntegerType(summary.suppressed())));
            ParametersParameterComponent risk = new ParametersParameterComponent().setName("risk");
            risk(summary.risk()).forEach(risk::addPart);
            parts.add(risk);
            parts.add(part("download", new StringType(downloadUrl)));
        }
        return parts;
    }

    private static void addIfKnown(ParametersParameterComponent parent, String name, String value) {
        if (value != null) {
            parent.addPart(part(name, new StringType(value)));
        }
    }

    private static ParametersParameterComponent part(String name, Type value) {
        return new ParametersParameterComponent().setName(name).setValue(value);
    }
}
