package io.annota.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic generator of synthetic clinical data whose PHI is known exactly: clinical notes, HL7 v2 feeds
 * and FHIR R4 transaction bundles, each with gold {@link PhiSpan}s (and {@link ClinicalMention}s for notes).
 *
 * <p>The same seed gives byte-identical output: every value comes from {@link Random}s seeded from the seed
 * (Datafaker with fixed locales for names, addresses, phone numbers), every date is a fixed epoch
 * (2024-01-01T07:00) plus seeded offsets, and nothing depends on the clock, the default locale or hash order.
 * Each method draws from its own stream, so {@code note()}, {@code nursingNote()}, {@code hl7Feed}, {@code adtFeed}
 * and {@code fhirBundles} do not affect each other; successive calls of one method continue its stream
 * ({@code hl7Feed(5)} twice gives the same ten messages as {@code hl7Feed(10)}). Identifiers are unique within a
 * generator (the first digit names the stream). Not thread-safe.
 */
public final class SyntheticFeed {

    private final long seed;
    private NoteStream notes;
    private NursingStream nursing;
    private Hl7FeedGenerator hl7;
    private Hl7FeedGenerator adt;
    private FhirBundleGenerator fhir;

    public SyntheticFeed(long seed) {
        this.seed = seed;
    }

    /** The seed this generator was made with. */
    public long seed() {
        return seed;
    }

    /** One clinical note about a new synthetic patient (progress, discharge, consult or telephone style). */
    public SyntheticNote note() {
        if (notes == null) {
            notes = new NoteStream(new People(stream(1), '1'));
        }
        return notes.next();
    }

    /** The next {@code count} notes. */
    public List<SyntheticNote> notes(int count) {
        List<SyntheticNote> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(note());
        }
        return out;
    }

    /**
     * One ICU nursing, respiratory care or social work note in the style of real ones (all capitals, all lower
     * case or mixed; clinical shorthand; dates such as {@code 7/22} or {@code the 22nd}; relatives by relation,
     * doctors after {@code dr}, hospitals by short name), with its PHI gold (path {@code NOTE}) and the clinical
     * terms it mentions (see {@code NursingNoteGenerator}).
     */
    public SyntheticNote nursingNote() {
        if (nursing == null) {
            nursing = new NursingStream(new People(stream(5), '5'));
        }
        return nursing.next();
    }

    /** The next {@code count} nursing notes. */
    public List<SyntheticNote> nursingNotes(int count) {
        List<SyntheticNote> out = new ArrayList<>(requireCount(count));
        for (int i = 0; i < count; i++) {
            out.add(nursingNote());
        }
        return out;
    }

    /**
     * The next {@code messages} messages of a mixed feed: ADT A01/A03/A04/A08/A40, ORU^R01, MDM^T02, versions 2.3
     * to 2.8, with vendor quirks ({@link Quirks}).
     */
    public List<GeneratedHl7> hl7Feed(int messages) {
        if (hl7 == null) {
            hl7 = new Hl7FeedGenerator(new People(stream(2), '2'), false);
        }
        return hl7.next(requireCount(messages));
    }

    /** The next {@code messages} messages of an ADT feed with only A01, A04 and A08. */
    public List<GeneratedHl7> adtFeed(int messages) {
        if (adt == null) {
            adt = new Hl7FeedGenerator(new People(stream(3), '3'), true);
        }
        return adt.next(requireCount(messages));
    }

    /** The next {@code bundles} FHIR R4 transaction bundles, one new patient each. */
    public List<GeneratedBundle> fhirBundles(int bundles) {
        if (fhir == null) {
            fhir = new FhirBundleGenerator(new People(stream(4), '4'));
        }
        List<GeneratedBundle> out = new ArrayList<>(requireCount(bundles));
        for (int i = 0; i < bundles; i++) {
            out.add(fhir.next());
        }
        return out;
    }

    /** A Random for stream {@code n}: the seed mixed with the stream number (SplitMix64 finaliser). */
    private Random stream(int n) {
        long z = seed + n * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    private static int requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return count;
    }

    /** Nursing notes, one new patient each, a few hours apart. */
    private static final class NursingStream {
        private final People people;
        private final NursingNoteGenerator generator;
        private java.time.LocalDateTime clock;

        NursingStream(People people) {
            this.people = people;
            this.generator = new NursingNoteGenerator(people);
            this.clock = Dates.EPOCH.plusDays(people.random().nextInt(365));
        }

        SyntheticNote next() {
            clock = clock.plusHours(1 + people.random().nextInt(12));
            return generator.write(clock.toLocalDate());
        }
    }

    /** Notes about new patients, one visit each. */
    private static final class NoteStream {
        private final People people;
        private final NoteGenerator generator;
        private java.time.LocalDateTime clock;

        NoteStream(People people) {
            this.people = people;
            this.generator = new NoteGenerator(people);
            this.clock = Dates.EPOCH.plusDays(people.random().nextInt(365));
        }

        SyntheticNote next() {
            Random random = people.random();
            clock = clock.plusHours(1 + random.nextInt(30)).plusMinutes(random.nextInt(60));
            People.Patient patient = people.patient(clock.toLocalDate(), random.nextDouble() < 0.08);
            char patientClass = random.nextBoolean() ? 'I' : 'O';
            java.time.LocalDateTime admit = clock.minusHours(patientClass == 'I' ? 24 + random.nextInt(120) : 1);
            Visit visit = new Visit(people.identifier(9), people.identifier(10), patientClass, admit,
                    patientClass == 'I' ? clock : null, people.doctor(), people.clinician(), "");
            return generator.write(patient, visit, clock, generator.anyClinicalStyle());
        }
    }
}
