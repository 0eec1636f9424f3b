package io.annota.server.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * k-anonymity of an export over its quasi-identifiers: records with equal quasi-identifiers form an equivalence
 * class, and a class is safe when at least k distinct patients are in it. Patients, not records, are counted:
 * five notes of one patient in a class of their own still single that patient out.
 */
public final class KAnonymity {

    /** One record as the assessment sees it. */
    public record Row(String recordId, String patient, QuasiIdentifiers quasiIdentifiers) {
    }

    /** A class with fewer than k patients, and its records. */
    public record RiskyClass(QuasiIdentifiers quasiIdentifiers, int patients, List<String> recordIds) {
    }

    /**
     * @param k          the threshold assessed against
     * @param records    records assessed
     * @param classes    equivalence classes found
     * @param belowK     the classes with fewer than k patients, smallest first
     */
    public record Report(int k, int records, int classes, List<RiskyClass> belowK) {

        /** The ids of the records in classes below k: those suppression leaves out. */
        public Set<String> riskyRecordIds() {
            Set<String> ids = new HashSet<>();
            belowK.forEach(c -> ids.addAll(c.recordIds()));
            return ids;
        }
    }

    private KAnonymity() {
    }

    public static Report assess(List<Row> rows, int k) {
        Map<QuasiIdentifiers, List<Row>> classes = new LinkedHashMap<>();
        rows.forEach(row -> classes.computeIfAbsent(row.quasiIdentifiers(), q -> new ArrayList<>()).add(row));
        List<RiskyClass> below = new ArrayList<>();
        classes.forEach((qi, members) -> {
            // a record without a patient cannot be linked to anyone else's: it counts as a patient of its own
            long patients = members.stream().map(r -> r.patient() == null ? "record:" + r.recordId() : r.patient())
                    .distinct().count();
            if (patients < k) {
                below.add(new RiskyClass(qi, (int) patients, members.stream().map(Row::recordId).toList()));
            }
        });
        below.sort(Comparator.comparingInt(RiskyClass::patients));
        return new Report(k, rows.size(), classes.size(), below);
    }
}
