package io.annota.bench;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import io.annota.intake.hl7.Hl7MappingException;
import io.annota.intake.hl7.Hl7v2Parser;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HL7 v2 intake without storage: Annota's parse (normalisation, lenient canonical v2.5.1 parse, structure
 * resolution) plus the ADT-to-FHIR mapping, against HAPI's {@code PipeParser} alone with the same configuration on
 * the same messages (already normalised to CR-separated segments, which HAPI needs). One operation = one message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class Hl7Benchmarks {

    @State(Scope.Thread)
    public static class Messages {
        Hl7v2Parser parser;
        DeclarativeMapper mapper;
        /** As generated (Annota's path normalises them itself). */
        BenchData.Cursor<String> raw;
        /** The same messages normalised (HAPI's parser alone cannot read LF line ends or a BOM). */
        BenchData.Cursor<String> normalised;

        @Setup(Level.Trial)
        public void setUp() {
            parser = new Hl7v2Parser();
            mapper = new DeclarativeMapper(V2ToFhirMappings.builtIn(), new Pseudonymizer(EmbeddedAnnota.KEY),
                    ZoneOffset.UTC);
            List<String> rawTexts = new ArrayList<>();
            List<String> normalisedTexts = new ArrayList<>();
            for (String text : BenchData.hl7Messages(GeneratedHl7Kind.ADT, BenchData.HL7_MESSAGES)) {
                try {
                    mapper.map(parser.parse(text));
                } catch (HL7Exception | Hl7MappingException e) {
                    continue; // measure the mapped path, not exceptions (both benchmarks skip the same messages)
                }
                rawTexts.add(text);
                normalisedTexts.add(Hl7v2Parser.normalise(text));
            }
            raw = new BenchData.Cursor<>(rawTexts);
            normalised = new BenchData.Cursor<>(normalisedTexts);
        }
    }

    /** Annota: {@code Hl7v2Parser.parse} + {@code DeclarativeMapper.map}. */
    @Benchmark
    public Bundle parseAndMap(Messages state) throws HL7Exception, Hl7MappingException {
        return state.mapper.map(state.parser.parse(state.raw.next()));
    }

    /** Baseline: HAPI HL7v2 {@code PipeParser.parse} alone (same parser configuration and model classes). */
    @Benchmark
    public Message parseOnly(Messages state) throws HL7Exception {
        return state.parser.pipeParser().parse(state.normalised.next());
    }
}
