package io.annota.server.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs an export: selects the sources, assesses k-anonymity when asked (a first pass that builds the records and
 * keeps only their ids and quasi-identifiers), then writes the records source by source.
 */
public class AnnotationExport {

    /** Told how far an export is; called from the exporting thread. */
    public interface Progress {
        /** {@code total} documents to go through (twice when k-anonymity is assessed first). */
        void started(int total);

        void documentDone();

        Progress NONE = new Progress() {
            @Override
            public void started(int total) {
            }

            @Override
            public void documentDone() {
            }
        };
    }

    /** What an export wrote. {@code risk} is null when k-anonymity was not assessed. */
    public record Summary(int documents, int records, int suppressed, KAnonymity.Report risk) {
    }

    /** The sources selected, before anything is written; selecting first lets a bad query answer 400. */
    public record Plan(ExportQuery query, AnnotatedSources sources, List<String> documents) {
    }

    private final FhirContext context;
    private final DaoRegistry daos;
    private final MatchUrlService matchUrls;

    public AnnotationExport(FhirContext context, DaoRegistry daos, MatchUrlService matchUrls) {
        this.context = context;
        this.daos = daos;
        this.matchUrls = matchUrls;
    }

    public Plan plan(ExportQuery query) {
        AnnotatedSources sources = new AnnotatedSources(context, daos, matchUrls);
        return new Plan(query, sources, sources.select(query));
    }

    /** Assesses the plan's records against its k without writing anything. */
    public KAnonymity.Report assess(Plan plan, Progress progress) {
        progress.started(plan.documents().size());
        return assessing(plan, progress);
    }

    /**
     * Writes the plan's records to {@code out} in its format; with {@code assess}, assesses k-anonymity first
     * (always done when the query suppresses).
     */
    public Summary write(Plan plan, OutputStream out, boolean assess, Progress progress) throws IOException {
        boolean assessing = assess || plan.query().suppress();
        progress.started(steps(plan, assessing));
        KAnonymity.Report risk = assessing ? assessing(plan, progress) : null;
        Set<String> left = plan.query().suppress() ? risk.riskyRecordIds() : Set.of();
        ExportWriter writer = plan.query().format().writer(out);
        int records = 0;
        int suppressed = 0;
        for (String document : plan.documents()) {
            for (ExportRecord record : plan.sources().records(document, plan.query())) {
                if (left.contains(record.recordId())) {
                    suppressed++;
                } else {
                    writer.write(record);
                    records++;
                }
            }
            progress.documentDone();
        }
        writer.finish();
        return new Summary(plan.documents().size(), records, suppressed, risk);
    }

    /** Documents gone through by {@link #write}: each once, or twice when k-anonymity is assessed first. */
    static int steps(Plan plan, boolean assess) {
        return plan.documents().size() * (assess || plan.query().suppress() ? 2 : 1);
    }

    private static KAnonymity.Report assessing(Plan plan, Progress progress) {
        List<KAnonymity.Row> rows = new ArrayList<>();
        for (String document : plan.documents()) {
            plan.sources().records(document, plan.query()).forEach(record -> rows.add(
                    new KAnonymity.Row(record.recordId(), record.patient(), record.quasiIdentifiers())));
            progress.documentDone();
        }
        return KAnonymity.assess(rows, plan.query().k());
    }
}
