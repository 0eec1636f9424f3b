package io.annota.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.ctakes.core.pipeline.PiperFileReader;
import org.apache.ctakes.typesystem.type.refsem.OntologyConcept;
import org.apache.ctakes.typesystem.type.refsem.UmlsConcept;
import org.apache.ctakes.typesystem.type.textsem.AnatomicalSiteMention;
import org.apache.ctakes.typesystem.type.textsem.DiseaseDisorderMention;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.ctakes.typesystem.type.textsem.LabMention;
import org.apache.ctakes.typesystem.type.textsem.MedicationMention;
import org.apache.ctakes.typesystem.type.textsem.ProcedureMention;
import org.apache.ctakes.typesystem.type.textsem.SignSymptomMention;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.cas.FSArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Apache cTAKES behind a small, thread-safe facade.
 *
 * <p>{@link #start(NlpSettings)} reads the profile's piper file ({@code annota/ctakes/full.piper} or
 * {@code lite.piper}), builds one aggregate description with {@link PiperFileReader} and creates
 * {@code workers} analysis engines from it, each with its own JCas. cTAKES engines are not thread-safe, so
 * {@link #annotate(String)} borrows an engine from the pool, processes the note, maps the result to plain
 * records and returns the engine. Building takes seconds (lite) to tens of seconds (full) per worker: start
 * once, share the instance, {@link #close()} it at shutdown.
 *
 * <p>No note text is logged, and exceptions thrown by {@link #annotate(String)} do not contain it.
 */
public final class CtakesNlp implements ClinicalNlp, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CtakesNlp.class);

    static final String BUNDLED_LOOKUP_XML = "annota/ctakes/lookup.xml";
    static final String PIPER_DIR = "annota/ctakes/";

    /** cTAKES keeps JVM-wide registries (PipeBitLocator, PropertyAeFactory, CuiCodeUtil): build one at a time. */
    private static final Object BUILD_LOCK = new Object();

    private static final Pattern LOOKUP_XML_PARAM = Pattern.compile("LookupXml=(\"[^\"]*\"|\\S+)");

    private final BlockingQueue<Worker> pool;
    private final List<Worker> all;
    private final PipelineInfo info;
    private final String profile;
    private final DictionaryCodes codes;
    private volatile boolean closed;

    private record Worker(AnalysisEngine engine, JCas jcas) {
    }

    private CtakesNlp(String profile, List<Worker> workers, PipelineInfo info, DictionaryCodes codes) {
        this.profile = profile;
        this.all = List.copyOf(workers);
        this.pool = new ArrayBlockingQueue<>(workers.size(), false, workers);
        this.info = info;
        this.codes = codes;
    }

    /**
     * Builds the engines. Blocks for the whole build.
     *
     * @throws IllegalArgumentException for an unknown profile or a lookup XML that cannot be found
     * @throws NlpException             if cTAKES cannot build the pipeline
     */
    public static CtakesNlp start(NlpSettings settings) {
        String profile = settings == null || settings.profile() == null || settings.profile().isBlank()
                ? "full" : settings.profile().trim().toLowerCase(Locale.ROOT);
        if (!profile.equals("full") && !profile.equals("lite")) {
            throw new IllegalArgumentException("Unknown NLP profile '" + profile + "' (expected full or lite)");
        }
        return start(settings, profile, PIPER_DIR + profile + ".piper");
    }

    /** Package-private for evaluation: any piper that contains a {@code LookupXml=} parameter. */
    static CtakesNlp start(NlpSettings settings, String profile, String piperLocation) {
        int workers = settings == null ? 1 : Math.max(1, settings.workers());
        String lookupXml = settings == null || settings.lookupXml() == null || settings.lookupXml().isBlank()
                ? BUNDLED_LOOKUP_XML : settings.lookupXml().trim();
        if (!ResourceLocator.exists(lookupXml)) {
            throw new IllegalArgumentException("cTAKES lookup XML not found as file or classpath resource: "
                    + lookupXml);
        }
        List<String> piper = readPiper(piperLocation, lookupXml);
        LookupSpec spec = LookupSpec.read(lookupXml);
        DictionaryCodes codes = new DictionaryCodes();
        for (String bsv : spec.bsvPaths()) {
            try {
                codes.load(ResourceLocator.codesFileFor(bsv));
            } catch (IOException e) {
                throw NlpException.withoutNoteText("Cannot read the codes file for dictionary " + bsv, e);
            }
        }
        long t0 = System.nanoTime();
        List<Worker> built = new ArrayList<>(workers);
        synchronized (BUILD_LOCK) {
            try {
                PiperFileReader reader = new PiperFileReader();
                for (String line : piper) {
                    reader.parsePipelineLine(line);
                }
                AnalysisEngineDescription description = reader.getBuilder().getAnalysisEngineDesc();
                for (int i = 0; i < workers; i++) {
                    AnalysisEngine engine = AnalysisEngineFactory.createEngine(description);
                    built.add(new Worker(engine, engine.newJCas()));
                }
            } catch (Exception | LinkageError e) {
                built.forEach(w -> w.engine().destroy());
                throw NlpException.withoutNoteText("Cannot build the cTAKES " + profile + " pipeline from " + piperLocation
                        + " with " + lookupXml, e);
            }
        }
        PipelineInfo info = new PipelineInfo("Apache cTAKES " + ctakesVersion() + " " + profile,
                spec.dictionaryLabel());
        LOG.info("cTAKES {} pipeline ready: {} worker(s) in {} ms, dictionary {}, {} concepts with codes",
                profile, workers, (System.nanoTime() - t0) / 1_000_000, info.dictionary(), codes.size());
        return new CtakesNlp(profile, built, info, codes);
    }

    @Override
    public PipelineInfo info() {
        return info;
    }

    /** Number of engines in the pool. */
    public int workers() {
        return all.size();
    }

    @Override
    public List<ConceptMention> annotate(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (closed) {
            throw new IllegalStateException("CtakesNlp is closed");
        }
        if (text.isBlank()) {
            return List.of();
        }
        Worker worker;
        try {
            worker = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NlpException("Interrupted while waiting for a cTAKES engine");
        }
        if (closed) {
            pool.offer(worker);
            throw new IllegalStateException("CtakesNlp is closed");
        }
        try {
            JCas jcas = worker.jcas();
            jcas.reset();
            jcas.setDocumentText(text);
            worker.engine().process(jcas);
            return toMentions(jcas, text);
        } catch (Exception | LinkageError e) {
            // never put the note (or a cTAKES message that may quote it) into the exception
            throw new NlpException("cTAKES " + profile + " pipeline failed on a note of " + text.length()
                    + " characters: " + e.getClass().getName(), e);
        } finally {
            try {
                worker.jcas().reset();
            } catch (RuntimeException ignored) {
                // the next annotate() resets again
            }
            pool.offer(worker);
        }
    }

    private List<ConceptMention> toMentions(JCas jcas, String text) {
        List<ConceptMention> mentions = new ArrayList<>();
        for (IdentifiedAnnotation a : JCasUtil.select(jcas, IdentifiedAnnotation.class)) {
            SemanticGroup group = groupOf(a);
            if (group == null) {
                continue;
            }
            int begin = a.getBegin();
            int end = a.getEnd();
            if (begin < 0 || end > text.length() || begin >= end) {
                continue;
            }
            List<ConceptCode> conceptCodes = codesOf(a);
            if (conceptCodes.isEmpty()) {
                continue;
            }
            String subject = a.getSubject();
            Assertion assertion = new Assertion(a.getPolarity() < 0, a.getUncertainty() > 0, a.getHistoryOf() > 0,
                    a.getConditional(), a.getGeneric(), subject == null || subject.isBlank() ? "patient" : subject);
            mentions.add(new ConceptMention(group, conceptCodes, begin, end, text.substring(begin, end), assertion));
        }
        mentions.sort(Comparator.comparingInt(ConceptMention::begin).thenComparingInt(ConceptMention::end)
                .thenComparing(ConceptMention::group));
        return List.copyOf(mentions);
    }

    private List<ConceptCode> codesOf(IdentifiedAnnotation a) {
        FSArray concepts = a.getOntologyConceptArr();
        if (concepts == null) {
            return List.of();
        }
        Set<ConceptCode> result = new LinkedHashSet<>();
        for (int i = 0; i < concepts.size(); i++) {
            if (concepts.get(i) instanceof UmlsConcept umls && umls.getCui() != null) {
                result.addAll(codes.codesOf(umls.getCui(), umls.getPreferredText()));
            } else if (concepts.get(i) instanceof OntologyConcept oc && oc.getCode() != null) {
                result.add(DictionaryCodes.fromId(oc.getCode(), null));
            }
        }
        return List.copyOf(result);
    }

    static SemanticGroup groupOf(IdentifiedAnnotation a) {
        if (a instanceof DiseaseDisorderMention) {
            return SemanticGroup.DISORDER;
        } else if (a instanceof SignSymptomMention) {
            return SemanticGroup.SIGN_SYMPTOM;
        } else if (a instanceof MedicationMention) {
            return SemanticGroup.MEDICATION;
        } else if (a instanceof ProcedureMention) {
            return SemanticGroup.PROCEDURE;
        } else if (a instanceof AnatomicalSiteMention) {
            return SemanticGroup.ANATOMY;
        } else if (a instanceof LabMention) {
            return SemanticGroup.LAB;
        }
        return null;
    }

    /** Destroys the engines; waits up to 30 s for notes in progress. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int destroyed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (destroyed < all.size()) {
            Worker w;
            try {
                w = pool.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (w == null) {
                LOG.warn("cTAKES engines still busy at close; {} of {} destroyed", destroyed, all.size());
                break;
            }
            try {
                w.engine().destroy();
            } catch (RuntimeException e) {
                LOG.warn("Destroying a cTAKES engine failed: {}", e.getClass().getName());
            }
            destroyed++;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Reads the piper and points its {@code LookupXml=} parameters at the configured lookup XML. */
    static List<String> readPiper(String piperLocation, String lookupXml) {
        String value = lookupXml.matches("[^\"=\\s]+") ? lookupXml : "\"" + lookupXml + "\"";
        if (lookupXml.contains("\"") || lookupXml.contains("=")) {
            throw new IllegalArgumentException("The lookup XML path must not contain '\"' or '=': " + lookupXml);
        }
        List<String> lines = new ArrayList<>();
        boolean sawLookup = false;
        try (InputStream in = ResourceLocator.open(piperLocation)
                .orElseThrow(() -> new IllegalArgumentException("Piper not found: " + piperLocation));
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String trimmed = line.trim();
                Matcher m = LOOKUP_XML_PARAM.matcher(trimmed);
                if (!trimmed.startsWith("//") && !trimmed.startsWith("#") && m.find()) {
                    trimmed = m.replaceAll(Matcher.quoteReplacement("LookupXml=" + value));
                    sawLookup = true;
                }
                lines.add(trimmed);
            }
        } catch (IOException e) {
            throw NlpException.withoutNoteText("Cannot read piper " + piperLocation, e);
        }
        if (!sawLookup) {
            throw new IllegalArgumentException("Piper " + piperLocation + " has no LookupXml= parameter");
        }
        return lines;
    }

    static String ctakesVersion() {
        try (InputStream in = CtakesNlp.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.apache.ctakes/ctakes-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        Package pkg = PiperFileReader.class.getPackage();
        String v = pkg == null ? null : pkg.getImplementationVersion();
        return v == null ? "(unknown version)" : v;
    }

    /** The parts of a lookup XML that the facade needs: BSV paths and a label for the dictionary. */
    record LookupSpec(List<String> bsvPaths, String dictionaryLabel) {

        static LookupSpec read(String lookupXml) {
            List<String> bsvPaths = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (InputStream in = ResourceLocator.open(lookupXml)
                    .orElseThrow(() -> new IllegalArgumentException("Lookup XML not found: " + lookupXml))) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setExpandEntityReferences(false);
                DocumentBuilder b = f.newDocumentBuilder();
                Document doc = b.parse(in);
                NodeList dictionaries = doc.getElementsByTagName("dictionary");
                for (int i = 0; i < dictionaries.getLength(); i++) {
                    Element d = (Element) dictionaries.item(i);
                    NodeList nameNodes = d.getElementsByTagName("name");
                    if (nameNodes.getLength() > 0) {
                        names.add(nameNodes.item(0).getTextContent().trim());
                    }
                }
                NodeList properties = doc.getElementsByTagName("property");
                for (int i = 0; i < properties.getLength(); i++) {
                    Element p = (Element) properties.item(i);
                    if ("bsvPath".equals(p.getAttribute("key")) && !p.getAttribute("value").isBlank()) {
                        String path = p.getAttribute("value").trim();
                        if (!bsvPaths.contains(path)) {
                            bsvPaths.add(path);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("Cannot parse lookup XML " + lookupXml + ": " + e.getMessage(), e);
            }
            List<String> labels = new ArrayList<>();
            for (String bsv : bsvPaths) {
                labels.add(bsvLabel(bsv).orElse(bsv.substring(Math.max(bsv.lastIndexOf('/'), bsv.lastIndexOf('\\'))
                        + 1)));
            }
            if (labels.isEmpty()) {
                labels.addAll(names);
            }
            return new LookupSpec(List.copyOf(bsvPaths), labels.isEmpty() ? lookupXml : String.join(" + ", labels));
        }

        /** The {@code # dictionary: name version} line from the BSV's comment header, if any. */
        static Optional<String> bsvLabel(String bsvPath) {
            try {
                Optional<InputStream> in = ResourceLocator.open(bsvPath);
                if (in.isEmpty()) {
                    return Optional.empty();
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in.get(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null && (line.startsWith("#") || line.isEmpty())) {
                        if (line.startsWith("# dictionary:")) {
                            return Optional.of(line.substring("# dictionary:".length()).trim());
                        }
                    }
                }
            } catch (IOException e) {
                // no label
            }
            return Optional.empty();
        }
    }
}
