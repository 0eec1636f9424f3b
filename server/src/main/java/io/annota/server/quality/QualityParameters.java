package io.annota.server.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * A {@link QualityReport} as the operation's answer (shape in docs/quality.md). Ratios are rounded to 4 decimals;
 * an undefined one is left out, and an undefined agreement figure comes with a {@code note} saying why.
 */
final class QualityParameters {

    private QualityParameters() {
    }

    static Parameters of(QualityReport report) {
        Parameters parameters = new Parameters();
        parameters.addParameter("documents", new IntegerType(report.documents()));
        parameters.addParameter("documentsUnfinished", new IntegerType(report.documentsUnfinished()));
        parameters.addParameter("goldAnnotations", new IntegerType(report.gold()));
        parameters.addParameter("machineAnnotations", new IntegerType(report.machine()));
        for (ExtractionScores.Score score : report.scores()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("score");
            part.addPart().setName("span").setValue(new CodeType(score.rule().span()));
            part.addPart().setName("codeMustMatch").setValue(new BooleanType(score.rule().codeMustMatch()));
            part.addPart().setName("group").setValue(new CodeType(score.group()
                    .map(g -> g.name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse("all")));
            counts(part, score.counts());
        }
        for (AttributeScores.Score score : report.attributes()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("assertion");
            part.addPart().setName("attribute").setValue(new CodeType(score.attribute().code()));
            integer(part, "pairs", score.pairs());
            integer(part, "tn", score.tn());
            counts(part, score.counts());
            decimal(part, "accuracy", score.accuracy());
        }
        agreement(parameters, report.agreement());
        return parameters;
    }

    private static void agreement(Parameters parameters, Agreement.Result agreement) {
        agreement.reviewers().forEach(r -> parameters.addParameter("reviewer", new StringType(r)));
        for (Agreement.PairKappa pair : agreement.pairs()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("kappa");
            part.addPart().setName("reviewer").setValue(new StringType(pair.first()));
            part.addPart().setName("reviewer").setValue(new StringType(pair.second()));
            CohensKappa.Kappa kappa = pair.kappa();
            integer(part, "items", kappa.items());
            decimal(part, "observedAgreement", kappa.observed());
            decimal(part, "value", kappa.kappa());
            if (kappa.kappa().isEmpty()) {
                note(part, kappa.items() == 0 ? "no annotation labelled by both reviewers"
                        : "both reviewers gave every item one and the same label: chance-corrected agreement is "
                        + "undefined");
            }
        }
        KrippendorffAlpha.Alpha alpha = agreement.alpha();
        Parameters.ParametersParameterComponent part = parameters.addParameter().setName("alpha");
        integer(part, "reviewers", agreement.reviewers().size());
        integer(part, "items", alpha.units());
        integer(part, "labels", alpha.values());
        decimal(part, "value", alpha.alpha());
        if (alpha.alpha().isEmpty()) {
            note(part, agreement.reviewers().size() < 2 ? "fewer than two reviewers"
                    : alpha.units() == 0 ? "no annotation labelled by two or more reviewers"
                    : "every label is the same: expected disagreement is 0, alpha is undefined");
        }
    }

    private static void counts(Parameters.ParametersParameterComponent part, Counts counts) {
        integer(part, "tp", counts.tp());
        integer(part, "fp", counts.fp());
        integer(part, "fn", counts.fn());
        decimal(part, "precision", counts.precision());
        decimal(part, "recall", counts.recall());
        decimal(part, "f1", counts.f1());
    }

    private static void integer(Parameters.ParametersParameterComponent part, String name, int value) {
        part.addPart().setName(name).setValue(new IntegerType(value));
    }

    private static void decimal(Parameters.ParametersParameterComponent part, String name, OptionalDouble value) {
        value.ifPresent(v -> part.addPart().setName(name)
                .setValue(new DecimalType(BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP))));
    }

    private static void note(Parameters.ParametersParameterComponent part, String note) {
        part.addPart().setName("note").setValue(new StringType(note));
    }
}
