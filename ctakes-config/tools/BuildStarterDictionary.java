/*
 * Annota starter dictionary generator.
 *
 * Builds the small, redistributable cTAKES dictionary that Annota ships on its classpath from open
 * vocabularies only (no UMLS, no SNOMED CT text):
 *
 *   disorders      Human Disease Ontology (doid/doid.obo.gz, CC0)                     TUI T047
 *   signs/symptoms Symptom Ontology (symp/symp.obo, CC0)                              TUI T184
 *   drugs          RxNorm Current Prescribable Content ingredients and brand names     TUI T121 (IN, PIN) / T200 (BN)
 *                  (rxnorm-prescribe-ingredients/web-data/*.json.gz, NLM, SAB=RXNORM)
 *                  DrugBank open vocabulary (drugbank/drugbank_vocabulary.csv, CC0)   TUI T121
 *                  for ingredients whose names start with "A" (the RxNorm "A" file is missing)
 *   vaccines       CDC CVX (cvx/cvx.tsv, cvx.synonyms.tsv, US government work)           TUI T129
 *   procedures     Medical Action Ontology (maxo/maxo-base.obo, CC BY 4.0)                TUI T061 / T060 (diagnostic)
 *                  ICD-10-PCS FY2023 index main terms (icd10pcs/, US government work)      TUI T061
 *                  CDISC SDTM CT "Procedure" C101858 (cdisc-sdtm-ct/, NCI EVS)            TUI T061
 *   lab tests      CDISC SDTM CT LBTEST C67154 + VSTEST C67153, MAxO lab procedures      TUI T034 (see LAB_TUI)
 *   anatomy        Uberon MAxO import module (uberon/uberon_import.obo, CC BY 3.0)        TUI T023
 *                  CDISC SDTM CT LOC C74456                                               TUI T029
 *   cross-refs     ICD-10-CM FY2025 (icd10cm/*.csv, US government work); NCIt C-codes from MAxO/Uberon xrefs
 *                  and folded CDISC terms; ICD-10-PCS index codes on MAxO procedures of the same name
 *
 * Usage (JDK 17 source launcher, no dependencies):
 *
 *   java ctakes-config/tools/BuildStarterDictionary.java /work/shared/data/vocab \
 *        ctakes-config/src/main/resources/annota/ctakes/dictionary
 *
 * Output files in <out-dir>:
 *
 *   annota-starter.bsv        one synonym per line: ID|TUI|synonym|preferred text ('#' lines are comments).
 *                             IDs end in digits, as cTAKES' CuiCodeUtil requires: DOID:9352, SYMP:0000576,
 *                             RXNORM:6809, DRUGBANK:DB00945, CVX:03, MAXO:0001032, UBERON:0000948, NCIT:C64853,
 *                             PCSIDX:00120 (ICD-10-PCS index term without an ID of its own, numbered in index order).
 *   annota-starter-codes.tsv  concept ID -> codes, one code per line, primary code first:
 *                             ID<TAB>system URI<TAB>code<TAB>display<TAB>origin
 *                             origin is "primary", "xref" (stated by the source ontology), "name-match" (exact
 *                             name match against ICD-10-CM, see below) or "index" (ICD-10-PCS index code or code
 *                             prefix, as the index gives it).
 *
 * Selection rules (kept deliberately conservative to limit false positives):
 *  - DOID: non-obsolete diseases that have an ICD-10-CM cross-reference, or whose name matches an
 *    ICD-10-CM title or alphabetic-index main term, or that have a UMLS cross-reference and are not
 *    flagged rare (DO_rare_slim / OMIM / ORDO / GARD). Name and EXACT synonyms only.
 *  - SYMP: non-obsolete terms except grouping classes ("... symptom") and a few non-findings;
 *    a synonym already used by a DOID disorder stays with the disorder.
 *  - RxNorm: IN and PIN ingredients (MIN multi-ingredient names are skipped) and brand names (BN).
 *  - DrugBank: only "A" ingredients that RxNorm itself names inside combination products, plus a
 *    short hand-written list of common "A" drugs, resolved by exact name against DrugBank.
 *  - Every synonym: no '|', no parentheses/brackets/commas/semicolons, at least 3 characters;
 *    3-character synonyms only when written as an upper-case abbreviation (HTN, CHF); never one of
 *    the common English words in BLOCKED_TERMS (three-letter body parts such as "arm" are allowed). A synonym
 *    text is given to one concept only: disorders beat symptoms beat drugs beat vaccines beat lab tests beat
 *    procedures beat anatomy, then preferred names beat synonyms. Bare analyte names (ANALYTES_NOT_DRUGS:
 *    "glucose", "potassium", "iron") are never drug synonyms, so the lab test keeps them.
 *  - MAxO: therapeutic/diagnostic procedure branches only; Uberon: no upper-level/grouping classes; CDISC terms
 *    whose C-code a MAxO/Uberon term cites as NCIt xref are folded into that term (one concept, both codes).
 *  - ICD-10-PCS index: main terms with codes of their own (not root operations, not "use" entries).
 *  - CVX: the full name and, for comma-qualified names, the head when it ends in "vaccine"; EXACT synonyms.
 *  - ICD-10-CM cross-references: DOID's own ICD10CM xrefs when the code exists in FY2025 (ranges
 *    skipped); otherwise an exact, case-insensitive match of the concept name against an ICD-10-CM
 *    title (also "<name>, unspecified") or a level-0 alphabetic index main term that carries a code.
 *
 * The program prints counts to standard output. It is deterministic: same inputs, same outputs.
 */

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

public class BuildStarterDictionary {

    /** Name and version written into the BSV header ("# dictionary: ..."); CtakesNlp reports it. */
    static final String DICTIONARY_NAME = "Annota starter dictionary";
    static final String DICTIONARY_VERSION = "1.1";

    static final String SYS_DOID = "http://purl.obolibrary.org/obo/doid.owl";
    static final String SYS_SYMP = "http://purl.obolibrary.org/obo/symp.owl";
    static final String SYS_RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String SYS_DRUGBANK = "https://go.drugbank.com/drugs";
    static final String SYS_ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String SYS_MAXO = "http://purl.obolibrary.org/obo/maxo.owl";
    static final String SYS_UBERON = "http://purl.obolibrary.org/obo/uberon.owl";
    static final String SYS_NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl";
    static final String SYS_ICD10PCS = "http://www.cms.gov/Medicare/Coding/ICD10";
    static final String SYS_CVX = "http://hl7.org/fhir/sid/cvx";

    /**
     * Lab tests get T034 ("Laboratory or Test Result"): in cTAKES 5.1.0 (SemanticTui) it is the only TUI that
     * yields a LabMention; T059 "Laboratory Procedure" yields a ProcedureMention.
     */
    static final String LAB_TUI = "T034";

    /**
     * Who keeps a synonym text that two concepts share (lower wins): disorders, symptoms, drugs, vaccines, lab
     * tests, procedures, anatomy. Clinical words name a condition before the test or body part they share it with.
     */
    static final int PRIORITY_VACCINE = 3;
    static final int PRIORITY_LAB = 5;
    static final int PRIORITY_PROCEDURE = 6;
    static final int PRIORITY_ANATOMY = 7;

    /**
     * Bare analyte names that are also drug ingredients. In a note "potassium 3.9" or "glucose 180" is a lab
     * result, while the medication is written as a salt or product ("potassium chloride", "D50"): these texts
     * are never drug synonyms, so the lab test keeps them. Drug-level tests named by the drug ("digoxin",
     * "heparin", "insulin", "lithium") stay medications.
     */
    static final Set<String> ANALYTES_NOT_DRUGS = Set.of(
            "glucose", "potassium", "sodium", "calcium", "magnesium", "phosphorus", "phosphate", "chloride",
            "bicarbonate", "iron", "zinc", "copper", "albumin", "creatinine", "urea", "ammonia", "lactate",
            "bilirubin", "cholesterol", "triglycerides", "ferritin", "folate", "folic acid", "vitamin b12",
            "vitamin d", "cortisol", "testosterone", "estradiol", "progesterone", "thyroxine", "oxygen");

    /** Common English words (and a few very ambiguous abbreviations) never used as a synonym. */
    static final Set<String> BLOCKED_TERMS = Set.of(
            // English words that are also disease/symptom synonyms or brand names
            "cold", "colds", "aids", "all", "fit", "fits", "weak heart", "wasting", "hopping",
            "crinkle", "wheelbarrowing", "afebrile", "prostration", "discharge", "mass", "lesion", "growth",
            "disease", "syndrome", "boil", "faint", "shakes", "wobble", "crabs", "leeches", "gist", "dish", "halls", "align", "vanquish", "dragon", "tandem", "cambia", "react",
            "tucks", "perform", "stye", "propel", "thrive", "pronto", "rid", "sojourn", "tabloid",
            "today", "alert", "bonine", "ready", "focus", "relief", "balance", "complete", "control",
            "defend", "edge", "ease", "epic", "fortify", "genius", "liquid", "natural", "options",
            "plan b", "preferred", "pure", "quick", "regular", "restore", "select", "simple", "smart",
            "solo", "spectrum", "support", "total", "ultra", "unity", "vital",
            // drug "ingredients" that are mostly not medications in a note
            "water", "alcohol", "air", "sugar", "salt", "milk", "honey", "coffee", "tea", "rice",
            "corn", "wheat", "egg", "peanut", "soy", "apple", "banana", "cotton", "wool", "dust",
            "cat hair", "dog hair", "sunscreen", "soap", "glue", "nitrogen", "helium", "carbon dioxide",
            // abbreviations that collide with frequent non-disease uses in notes
            "com", "pad", "mod", "nos", "dis", "bed", "sad", "med", "mid", "oss",
            "pet", "pid", "pan", "pal", "map", "vip", "mac", "men", "tic", "tics", "cut", "rat", "lad",
            "crf", "rds", "ms", "ed",
            // anatomy, lab and procedure names that are everyday words or too general to mean a concept
            "lead", "organ", "tissue", "cell", "cells", "body", "system", "region", "part", "segment", "layer",
            "structure", "surface", "space", "wall", "root", "crown", "trunk", "process", "entity", "material",
            "node", "lobe", "side", "bulb", "stalk", "tip", "base", "apex", "body part", "other",
            "color", "colour", "volume", "appearance", "clarity", "odor", "character", "result", "specimen",
            "test", "sample", "count", "index", "ratio", "time", "interpretation", "status", "type",
            "form", "comment", "bacteria", "yeast", "crystals", "casts", "mucus", "debris", "length", "width",
            "depth", "area", "frame", "score", "grade", "stage", "level", "change", "release",
            "transfer", "division", "creation", "inspection", "revision", "restriction", "supplement", "removal",
            "repair", "extraction", "insertion", "fusion", "measurement", "monitoring", "replacement",
            "assessment", "evaluation", "examination", "consultation", "counseling", "education", "therapy",
            "treatment", "procedure", "surgery", "operation", "diet", "exercise", "rest", "care",
            "screening", "imaging", "testing", "observation", "follow-up", "referral", "injection", "infusion",
            "vaccine", "vaccination", "immunization", "reach", "span", "frame size");

    /**
     * Abbreviation-shaped synonyms (one upper-case word, e.g. "HTN", "CMT1A") are kept only when listed here:
     * most disease-ontology abbreviations are rare subtype labels that collide with other clinical abbreviations.
     */
    static final Set<String> ALLOWED_ABBREVIATIONS = Set.of(
            "HTN", "CHF", "CKD", "UTI", "TIA", "CVA", "ALS", "OCD", "IBD", "PKU", "CLL", "GDM", "DIC", "OAB", "TSS",
            "CJD", "COPD", "GERD", "ARDS", "NIDDM", "IDDM", "PTSD", "PCOS", "SIDS", "SIADH", "NSCLC", "DLBCL",
            "MODY", "SARS", "CVID", "ADHD", "BPH", "DVT", "CAD", "AML", "CML", "NASH", "NAFLD", "HIV", "AIDS-KS",
            "COVID-19", "COVID19", "MRSA", "IBS", "RSV", "BCG", "DDAVP", "ATGAM",
            // lab tests, procedures and vaccines
            "ALT", "AST", "BUN", "INR", "TSH", "LDL", "HDL", "CRP", "ESR", "PSA", "WBC", "RBC", "BNP", "ECG", "EKG",
            "EEG", "EMG", "MRI", "CABG", "ERCP", "TURP", "MMR", "MMRV", "IPV", "DTP", "PPSV23", "PCV13", "PCV20");

    /** Body parts that are three-letter words; other three-letter lower-case synonyms are dropped. */
    static final Set<String> BODY_PARTS_OF_THREE = Set.of("arm", "leg", "hip", "eye", "ear", "toe", "jaw", "lip", "rib");

    /** Synonyms that the source lists as EXACT but that would mislabel common text. */
    static final Set<String> BLOCKED_SYNONYMS = Set.of(
            "DOID:9352|insulin resistance",   // a separate finding, not type 2 diabetes itself
            "DOID:2841|bronchial hyperreactivity",
            "DOID:6000|congestive heart disease");

    /** Common prescription drugs starting with "A" (the RxNorm A file is missing); resolved via DrugBank. */
    static final List<String> COMMON_A_DRUGS = List.of(
            "abacavir", "abatacept", "abiraterone", "acamprosate", "acarbose", "acetaminophen", "acetazolamide",
            "acetylcysteine", "acitretin", "acyclovir", "adalimumab", "adapalene", "adenosine", "aflibercept",
            "albendazole", "albuterol", "alendronic acid", "alfuzosin", "alirocumab", "aliskiren", "allopurinol",
            "almotriptan", "alogliptin", "alosetron", "alprazolam", "alteplase", "amantadine", "ambrisentan",
            "amikacin", "amiloride", "aminophylline", "amiodarone", "amitriptyline", "amlodipine", "amoxicillin",
            "amphetamine", "amphotericin b", "ampicillin", "anakinra", "anastrozole", "apixaban", "apremilast",
            "argatroban", "aripiprazole", "armodafinil", "asenapine", "aspirin", "atazanavir", "atenolol",
            "atomoxetine", "atorvastatin", "atovaquone", "atropine", "azathioprine", "azelastine", "azithromycin",
            "aztreonam", "avanafil", "axitinib", "apalutamide", "avapritinib", "atezolizumab");

    // ---------------------------------------------------------------------------------------------

    record Code(String system, String code, String display, String origin) {
        Code withOrigin(String newOrigin) {
            return new Code(system, code, display, newOrigin);
        }
    }

    static final class Concept {
        final String id;
        final String tui;
        final int priority; // lower wins when two concepts share a synonym
        final String preferred;
        final List<String> synonyms = new ArrayList<>();
        final List<Code> codes = new ArrayList<>();

        Concept(String id, String tui, int priority, String preferred) {
            this.id = id;
            this.tui = tui;
            this.priority = priority;
            this.preferred = preferred;
        }
    }

    record OboTerm(String id, String name, List<String> exactSynonyms, List<String> xrefs, List<String> subsets,
                   List<String> parents, boolean obsolete) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java BuildStarterDictionary.java <vocab-dir> <out-dir>");
            System.exit(2);
        }
        Path vocab = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);

        Icd10cm icd = Icd10cm.load(vocab.resolve("icd10cm"));
        Map<String, String> versions = new LinkedHashMap<>();

        List<Concept> concepts = new ArrayList<>();
        concepts.addAll(disorders(vocab.resolve("doid/doid.obo.gz"), icd, versions));
        concepts.addAll(symptoms(vocab.resolve("symp/symp.obo"), icd, versions));
        DrugBank drugBank = DrugBank.load(vocab.resolve("drugbank/drugbank_vocabulary.csv"));
        versions.put("DrugBank open vocabulary", "CSV with IDs up to " + drugBank.maxId);
        concepts.addAll(drugs(vocab.resolve("rxnorm-prescribe-ingredients"), drugBank, versions));
        concepts.addAll(vaccines(vocab.resolve("cvx"), versions));
        versions.put("ICD-10-CM", "FY2025 (April 2025 update)");
        List<Concept> medicalActions = medicalActions(vocab.resolve("maxo/maxo-base.obo"), versions);
        List<Concept> ontologies = new ArrayList<>(medicalActions);
        ontologies.addAll(anatomy(vocab.resolve("uberon/uberon_import.obo"), versions));
        List<Concept> cdisc = cdiscTerms(vocab.resolve("cdisc-sdtm-ct/SDTM_Terminology.tar.xz"), versions);
        concepts.addAll(ontologies);
        concepts.addAll(foldCdiscIntoOntologies(ontologies, cdisc));
        concepts.addAll(pcsIndexProcedures(vocab.resolve("icd10pcs/icd10pcs_index_2023.xml"), medicalActions,
                versions));

        assignSynonyms(concepts);
        concepts.removeIf(c -> c.synonyms.isEmpty());

        writeBsv(out.resolve("annota-starter.bsv"), concepts, versions);
        writeCodes(out.resolve("annota-starter-codes.tsv"), concepts);

        Map<String, Integer> perTui = new TreeMap<>();
        int lines = 0;
        for (Concept c : concepts) {
            perTui.merge(c.tui + " " + c.id.substring(0, c.id.indexOf(':')), 1, Integer::sum);
            lines += c.synonyms.size();
        }
        System.out.println("concepts: " + concepts.size() + ", synonym lines: " + lines);
        perTui.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        versions.forEach((k, v) -> System.out.println("  source " + k + ": " + v));
    }

    // --------------------------------------------------------------------------------- disorders

    static List<Concept> disorders(Path doidObo, Icd10cm icd, Map<String, String> versions) throws IOException {
        Map<String, String> header = new HashMap<>();
        List<OboTerm> terms = readObo(doidObo, header);
        versions.put("Human Disease Ontology", header.getOrDefault("data-version", "?"));
        List<Concept> result = new ArrayList<>();
        for (OboTerm t : terms) {
            if (t.obsolete() || t.name() == null || !t.id().startsWith("DOID:")) {
                continue;
            }
            boolean hasIcdXref = t.xrefs().stream().anyMatch(x -> x.startsWith("ICD10CM:"));
            boolean hasUmls = t.xrefs().stream().anyMatch(x -> x.startsWith("UMLS_CUI:"));
            boolean rare = t.subsets().contains("DO_rare_slim") || t.xrefs().stream().anyMatch(
                    x -> x.startsWith("OMIM:") || x.startsWith("ORDO:") || x.startsWith("GARD:"));
            List<String> names = new ArrayList<>();
            names.add(t.name());
            names.addAll(t.exactSynonyms());
            boolean icdName = names.stream().anyMatch(n -> icd.matchName(n) != null);
            if (!(hasIcdXref || icdName || (hasUmls && !rare))) {
                continue;
            }
            Concept c = new Concept(t.id(), "T047", 0, t.name());
            c.codes.add(new Code(SYS_DOID, t.id(), t.name(), "primary"));
            addIcdCodes(c, t.xrefs(), names, icd);
            for (String n : names) {
                if (!BLOCKED_SYNONYMS.contains(t.id() + "|" + n.toLowerCase(Locale.ROOT))) {
                    c.synonyms.add(n);
                }
            }
            result.add(c);
        }
        return result;
    }

    /** ICD-10-CM codes from the term's xrefs; failing those, by exact name match (flagged in the side file). */
    static void addIcdCodes(Concept c, List<String> xrefs, List<String> names, Icd10cm icd) {
        for (String x : xrefs) {
            if (x.startsWith("ICD10CM:")) {
                String code = x.substring("ICD10CM:".length()).trim();
                String display = icd.codes.get(code);
                if (display != null) {
                    addCode(c, new Code(SYS_ICD10CM, code, display, "xref"));
                }
            }
        }
        if (c.codes.size() == 1) {
            addIcdByName(c, names, icd);
        }
    }

    // ---------------------------------------------------------------------------------- symptoms

    static List<Concept> symptoms(Path sympObo, Icd10cm icd, Map<String, String> versions) throws IOException {
        Map<String, String> header = new HashMap<>();
        List<OboTerm> terms = readObo(sympObo, header);
        versions.put("Symptom Ontology", header.getOrDefault("data-version", "?"));
        List<Concept> result = new ArrayList<>();
        for (OboTerm t : terms) {
            if (t.obsolete() || t.name() == null || !t.id().startsWith("SYMP:")) {
                continue;
            }
            String lower = t.name().toLowerCase(Locale.ROOT);
            if (lower.endsWith("symptom") || lower.endsWith("symptoms") || lower.equals("symptom")) {
                continue; // grouping classes, not findings
            }
            Concept c = new Concept(t.id(), "T184", 1, t.name());
            c.codes.add(new Code(SYS_SYMP, t.id(), t.name(), "primary"));
            List<String> names = new ArrayList<>();
            names.add(t.name());
            names.addAll(t.exactSynonyms());
            addIcdCodes(c, t.xrefs(), names, icd);
            c.synonyms.addAll(names);
            result.add(c);
        }
        return result;
    }

    static void addIcdByName(Concept c, List<String> names, Icd10cm icd) {
        for (String n : names) {
            String code = icd.matchName(n);
            if (code != null) {
                addCode(c, new Code(SYS_ICD10CM, code, icd.codes.get(code), "name-match"));
                return;
            }
        }
    }

    static void addCode(Concept c, Code code) {
        for (Code existing : c.codes) {
            if (existing.system().equals(code.system()) && existing.code().equals(code.code())) {
                return;
            }
        }
        c.codes.add(code);
    }

    // ------------------------------------------------------------------------------------- drugs

    /** Allergen immunotherapy extracts: their names are foods, plants and animals, not medications in a note. */
    static final Pattern ALLERGEN = Pattern.compile(
            "(?i)allergenic|pollen|venom|dander|feather|\\bhair\\b|\\bskin\\b|\\bmite\\b|\\bsmut\\b|\\bfiber\\b"
            + "|\\bmold\\b|cockroach|\\bextract\\b");

    static final Pattern STRENGTH = Pattern.compile("^(.*?)\\s+[0-9.]+\\s*\\S.*$");

    @SuppressWarnings("unchecked")
    static List<Concept> drugs(Path rxDir, DrugBank drugBank, Map<String, String> versions) throws IOException {
        versions.put("RxNorm Current Prescribable Content", rxnormVersion(rxDir));
        Map<String, Concept> byId = new LinkedHashMap<>();
        Map<String, String> brandNames = new TreeMap<>();          // RxCUI -> BN name
        Set<String> aIngredientNames = new TreeSet<>();             // from combination product names
        Path webData = rxDir.resolve("web-data");
        List<Path> files;
        try (Stream<Path> s = Files.list(webData)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
        for (Path file : files) {
            List<Object> records;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                records = (List<Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            for (Object o : records) {
                Map<String, Object> r = (Map<String, Object>) o;
                String tty = (String) r.get("TTY");
                String name = (String) r.get("Name");
                String rxcui = (String) r.get("RXCUI");
                if (("IN".equals(tty) || "PIN".equals(tty)) && name != null && rxcui != null
                        && !ALLERGEN.matcher(name).find()) {
                    Concept c = new Concept("RXNORM:" + rxcui, "T121", 2, name);
                    c.codes.add(new Code(SYS_RXNORM, rxcui, name, "primary"));
                    c.synonyms.add(name);
                    if (name.contains(",")) {
                        // RxNorm qualifies some names after a comma ("insulin aspart, human",
                        // "insulin, regular, human"); notes use the head: "insulin aspart", "insulin".
                        c.synonyms.add(name.substring(0, name.indexOf(',')));
                    }
                    DrugBank.Entry db = drugBank.byUnii.get(str(r.get("UNII")));
                    if (db != null) {
                        c.codes.add(new Code(SYS_DRUGBANK, db.id, db.name, "xref"));
                        if (!db.name.equalsIgnoreCase(name)) {
                            c.synonyms.add(db.name);
                        }
                    }
                    byId.putIfAbsent(c.id, c);
                }
                for (Object scdc : list(r.get("SCDCs"))) {
                    for (Object scdObj : list(((Map<String, Object>) scdc).get("SCDs"))) {
                        Map<String, Object> scd = (Map<String, Object>) scdObj;
                        for (String part : str(scd.get("Name")).split(" / ")) {
                            Matcher m = STRENGTH.matcher(part);
                            if (m.matches() && m.group(1).startsWith("a")) {
                                aIngredientNames.add(m.group(1));
                            }
                        }
                        for (Object sbd : list(scd.get("SBDs"))) {
                            for (Object bnObj : list(((Map<String, Object>) sbd).get("BNs"))) {
                                Map<String, Object> bn = (Map<String, Object>) bnObj;
                                brandNames.put(str(bn.get("RXCUI")), str(bn.get("Name")));
                            }
                        }
                    }
                }
            }
        }
        List<Concept> result = new ArrayList<>(byId.values());
        for (Map.Entry<String, String> bn : brandNames.entrySet()) {
            String name = bn.getValue();
            if (name.length() < 5) {
                continue; // short brand names are mostly ambiguous
            }
            Concept c = new Concept("RXNORM:" + bn.getKey(), "T200", 4, name);
            c.codes.add(new Code(SYS_RXNORM, bn.getKey(), name, "primary"));
            c.synonyms.add(name);
            result.add(c);
        }
        // "A" ingredients through DrugBank.
        Set<String> wanted = new TreeSet<>(aIngredientNames);
        wanted.addAll(COMMON_A_DRUGS);
        Set<String> seenDb = new HashSet<>();
        for (Concept c : result) {
            for (Code code : c.codes) {
                if (code.system().equals(SYS_DRUGBANK)) {
                    seenDb.add(code.code());
                }
            }
        }
        for (String name : wanted) {
            DrugBank.Entry db = drugBank.byName.get(name.toLowerCase(Locale.ROOT));
            if (db == null) {
                db = drugBank.byName.get(name.toLowerCase(Locale.ROOT).split(" ")[0]); // salt -> base
            }
            if (db == null || !seenDb.add(db.id)) {
                continue;
            }
            Concept c = new Concept("DRUGBANK:" + db.id, "T121", 3, name);
            c.codes.add(new Code(SYS_DRUGBANK, db.id, db.name, "primary"));
            c.synonyms.add(name);
            if (!db.name.equalsIgnoreCase(name)) {
                c.synonyms.add(db.name);
            }
            result.add(c);
        }
        return result;
    }

    static String rxnormVersion(Path rxDir) throws IOException {
        try (Stream<Path> s = Files.list(rxDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = Pattern.compile("Readme_Full_Prescribe_(\\d{2})(\\d{2})(\\d{4})\\.txt")
                        .matcher(p.getFileName().toString());
                if (m.matches()) {
                    return m.group(3) + "-" + m.group(1) + "-" + m.group(2) + " (SAB=RXNORM, file A.json missing)";
                }
            }
        }
        return "?";
    }

    static List<Object> list(Object o) {
        @SuppressWarnings("unchecked")
        List<Object> l = o instanceof List ? (List<Object>) o : List.of();
        return l;
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    // ------------------------------------------------------------------ procedures and lab tests (MAxO)

    static final String MAXO_THERAPEUTIC = "MAXO:0000002";
    static final String MAXO_DIAGNOSTIC = "MAXO:0000003";
    static final String MAXO_LABORATORY = "MAXO:0000006";

    /**
     * MAxO medical actions under "therapeutic procedure" (T061) or "diagnostic procedure" (T060); those under
     * "clinical laboratory procedure" or named "... measurement" become lab tests (T034, see LAB_TUI).
     * Avoidance actions, routes of administration and recommendations sit outside both branches and are skipped.
     */
    static List<Concept> medicalActions(Path maxoObo, Map<String, String> versions) throws IOException {
        Map<String, String> header = new HashMap<>();
        List<OboTerm> terms = readObo(maxoObo, header);
        versions.put("Medical Action Ontology", header.getOrDefault("data-version", "?"));
        Map<String, List<String>> parents = new HashMap<>();
        terms.forEach(t -> parents.put(t.id(), t.parents()));
        List<Concept> result = new ArrayList<>();
        for (OboTerm t : terms) {
            if (t.obsolete() || t.name() == null || !t.id().startsWith("MAXO:")) {
                continue;
            }
            Set<String> ancestors = ancestors(t.id(), parents);
            String tui = ancestors.contains(MAXO_LABORATORY) || t.name().endsWith(" measurement") ? LAB_TUI
                    : ancestors.contains(MAXO_DIAGNOSTIC) ? "T060"
                    : ancestors.contains(MAXO_THERAPEUTIC) ? "T061" : null;
            if (tui != null) {
                result.add(oboConcept(t, tui, tui.equals(LAB_TUI) ? PRIORITY_LAB : PRIORITY_PROCEDURE, SYS_MAXO));
            }
        }
        return result;
    }

    static Set<String> ancestors(String id, Map<String, List<String>> parents) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(parents.getOrDefault(id, List.of()));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (seen.add(p)) {
                todo.addAll(parents.getOrDefault(p, List.of()));
            }
        }
        return seen;
    }

    /** An OBO term as a concept: its ID as primary code, name and EXACT synonyms, NCIt xrefs as codes. */
    static Concept oboConcept(OboTerm t, String tui, int priority, String system) {
        Concept c = new Concept(t.id(), tui, priority, t.name());
        c.codes.add(new Code(system, t.id(), t.name(), "primary"));
        for (String x : t.xrefs()) {
            if (x.startsWith("NCIT:C")) {
                addCode(c, new Code(SYS_NCIT, x.substring("NCIT:".length()), "", "xref"));
            }
        }
        c.synonyms.add(t.name());
        c.synonyms.addAll(t.exactSynonyms());
        return c;
    }

    // ------------------------------------------------------------------------ anatomy (UBERON)

    /** Uberon subsets of abstract grouping classes ("anatomical entity", "material anatomical entity"). */
    static final Set<String> UBERON_ABSTRACT_SUBSETS = Set.of("upper_level", "non_informative", "grouping_class");

    static List<Concept> anatomy(Path uberonObo, Map<String, String> versions) throws IOException {
        Map<String, String> header = new HashMap<>();
        List<OboTerm> terms = readObo(uberonObo, header);
        versions.put("Uberon (MAxO import module)", header.getOrDefault("data-version", "?"));
        List<Concept> result = new ArrayList<>();
        for (OboTerm t : terms) {
            if (!t.obsolete() && t.name() != null && t.id().startsWith("UBERON:")
                    && t.subsets().stream().noneMatch(UBERON_ABSTRACT_SUBSETS::contains)) {
                result.add(oboConcept(t, "T023", PRIORITY_ANATOMY, SYS_UBERON));
            }
        }
        return result;
    }

    // --------------------------------------------------------------------- CDISC SDTM terminology

    /** CDISC codelist -> TUI and priority of its terms. MBTEST (microbiology) is left out: its names are organisms. */
    record Codelist(String code, String name, String tui, int priority) {}

    static final List<Codelist> CDISC_CODELISTS = List.of(
            new Codelist("C67154", "LBTEST", LAB_TUI, PRIORITY_LAB),
            new Codelist("C67153", "VSTEST", LAB_TUI, PRIORITY_LAB),
            new Codelist("C101858", "PROCEDURE", "T061", PRIORITY_PROCEDURE),
            new Codelist("C74456", "LOC", "T029", PRIORITY_ANATOMY));

    /** Terms of the CDISC codelists above; ID and primary code are the NCIt C-code. */
    static List<Concept> cdiscTerms(Path sdtmTarXz, Map<String, String> versions) throws IOException {
        versions.put("CDISC SDTM Controlled Terminology (NCI EVS)", "2025-03-25");
        Map<String, Codelist> lists = new HashMap<>();
        CDISC_CODELISTS.forEach(l -> lists.put(l.code(), l));
        Map<String, Concept> byId = new LinkedHashMap<>();
        try (BufferedReader r = untarXz(sdtmTarXz, "SDTM Terminology.txt")) {
            // Code, Codelist Code, Extensible, Codelist Name, Submission Value, Synonym(s), Definition, NCI Preferred Term
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                Codelist list = f.length >= 8 ? lists.get(f[1]) : null;
                if (list == null) {
                    continue;
                }
                Concept c = byId.computeIfAbsent("NCIT:" + f[0], id -> {
                    Concept n = new Concept(id, list.tui(), list.priority(), f[7]);
                    n.codes.add(new Code(SYS_NCIT, f[0], f[7], "primary"));
                    return n;
                });
                c.synonyms.add(caseOfProse(f[4]));
                c.synonyms.add(f[7]);
                for (String syn : f[5].split(";")) {
                    c.synonyms.add(caseOfProse(syn.trim()));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** One member of a .tar.xz through the system's tar (the JDK has no xz decoder). */
    static BufferedReader untarXz(Path archive, String member) throws IOException {
        Process tar = new ProcessBuilder("tar", "-xJOf", archive.toString(), member)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new BufferedReader(new InputStreamReader(tar.getInputStream(), StandardCharsets.UTF_8));
    }

    /** CDISC writes some codelists in capitals ("ABDOMINAL AORTA"); prose case keeps them out of the abbreviation rule. */
    static String caseOfProse(String s) {
        boolean allCaps = s.equals(s.toUpperCase(Locale.ROOT)) && s.indexOf(' ') > 0;
        return allCaps ? s.toLowerCase(Locale.ROOT) : s;
    }

    /**
     * Folds each CDISC concept into the ontology concept that names its C-code as an NCIt xref (same semantic
     * group), so "heart" is one Uberon concept carrying the NCIt code instead of two competing concepts.
     */
    static List<Concept> foldCdiscIntoOntologies(List<Concept> ontologies, List<Concept> cdisc) {
        Map<String, Concept> byNcit = new HashMap<>();
        for (Concept c : ontologies) {
            for (Code code : c.codes) {
                if (code.system().equals(SYS_NCIT)) {
                    byNcit.putIfAbsent(code.code() + "|" + group(c.tui), c);
                }
            }
        }
        List<Concept> unmatched = new ArrayList<>();
        for (Concept c : cdisc) {
            Concept target = byNcit.get(c.codes.get(0).code() + "|" + group(c.tui));
            if (target == null) {
                unmatched.add(c);
                continue;
            }
            target.codes.replaceAll(code -> code.system().equals(SYS_NCIT) && code.code().equals(c.codes.get(0).code())
                    ? c.codes.get(0).withOrigin("xref") : code);
            target.synonyms.addAll(c.synonyms);
        }
        return unmatched;
    }

    /** cTAKES' semantic group of a TUI, as far as this dictionary uses them. */
    static String group(String tui) {
        return switch (tui) {
            case "T060", "T061" -> "procedure";
            case "T023", "T029" -> "anatomy";
            case "T121", "T200", "T129" -> "drug";
            default -> tui;
        };
    }

    // ------------------------------------------------------------------ ICD-10-PCS index procedures

    /**
     * Procedure main terms of the ICD-10-PCS index ("Appendectomy" -> see Excision, Appendix 0DBJ). A main
     * term counts as a procedure when it carries codes itself or through untitled level-1 "see" entries; main
     * terms with titled sub-terms are root operations or body systems ("Excision", "Change") and "use" entries
     * are anatomy/device synonyms, both skipped. The index gives code prefixes (table + body part, 3-6
     * characters) or full 7-character codes; both are kept as the index states them. A main term whose name is
     * a MAxO procedure name adds its codes to that concept; the others get an ID "PCSIDX:nnnnn" (running
     * number in index order, so stable only within one release) with the first index code as primary code.
     */
    static List<Concept> pcsIndexProcedures(Path indexXml, List<Concept> medicalActions, Map<String, String> versions)
            throws IOException {
        Element root = parseXml(indexXml).getDocumentElement();
        versions.put("ICD-10-PCS", "FY" + childText(root, "version") + " index");
        Map<String, Concept> procedureNames = new HashMap<>();
        for (Concept c : medicalActions) {
            if (!c.tui.equals(LAB_TUI)) {
                c.synonyms.forEach(s -> procedureNames.putIfAbsent(normalize(s), c));
            }
        }
        List<Concept> result = new ArrayList<>();
        for (Element mainTerm : elements(root.getElementsByTagName("mainTerm"))) {
            String title = childText(mainTerm, "title");
            List<Code> codes = pcsCodes(mainTerm, title);
            if (codes.isEmpty() || mainTerm.getElementsByTagName("use").getLength() > 0) {
                continue;
            }
            Concept known = procedureNames.get(normalize(title));
            if (known != null) {
                codes.forEach(code -> addCode(known, code.withOrigin("xref")));
                continue;
            }
            Concept c = new Concept(String.format(Locale.ROOT, "PCSIDX:%05d", result.size() + 1), "T061",
                    PRIORITY_PROCEDURE, title);
            c.codes.add(codes.get(0).withOrigin("primary"));
            codes.subList(1, codes.size()).forEach(code -> addCode(c, code));
            c.synonyms.add(title);
            result.add(c);
        }
        return result;
    }

    /** Codes given directly under the main term or under its untitled level-1 terms. */
    static List<Code> pcsCodes(Element mainTerm, String title) {
        List<Code> codes = new ArrayList<>();
        List<Element> holders = new ArrayList<>(List.of(mainTerm));
        for (Element term : children(mainTerm, "term")) {
            if (children(term, "title").isEmpty()) {
                holders.add(term);
            } else {
                return List.of(); // titled sub-terms: a root operation or body system, not one procedure
            }
        }
        for (Element holder : holders) {
            for (Element code : children(holder, "code")) {
                codes.add(new Code(SYS_ICD10PCS, code.getTextContent().trim(), title, "index"));
            }
            for (Element see : children(holder, "see")) {
                String target = see.getFirstChild() == null ? "" : see.getFirstChild().getNodeValue().trim();
                for (Element code : children(see, "codes")) {
                    codes.add(new Code(SYS_ICD10PCS, code.getTextContent().trim(), target, "index"));
                }
                for (Element tab : children(see, "tab")) {
                    codes.add(new Code(SYS_ICD10PCS, tab.getTextContent().trim(), target, "index"));
                }
            }
        }
        return codes;
    }

    static Document parseXml(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse " + file, e);
        }
    }

    static List<Element> elements(NodeList nodes) {
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                result.add(e);
            }
        }
        return result;
    }

    static String childText(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    // ---------------------------------------------------------------------------- vaccines (CVX)

    /**
     * CDC CVX vaccines as drugs (T129). CVX names are comma-qualified ("influenza virus vaccine, unspecified
     * formulation"); the head before the first comma is added when it still names a vaccine. Exact synonyms
     * (MMR, DTaP) come from the synonyms table.
     */
    static List<Concept> vaccines(Path cvxDir, Map<String, String> versions) throws IOException {
        versions.put("CDC CVX (obo-db-ingest export)", "2025-10-31");
        Map<String, Concept> byId = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(cvxDir.resolve("cvx.tsv"), StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t", -1);
            Concept c = new Concept("CVX:" + f[0], "T129", PRIORITY_VACCINE, f[1]);
            c.codes.add(new Code(SYS_CVX, f[0], f[1], "primary"));
            c.synonyms.add(f[1]);
            String head = f[1].split(",")[0].trim();
            if (head.endsWith("vaccine")) {
                c.synonyms.add(head);
            }
            byId.put(c.id, c);
        }
        List<String> synonyms = Files.readAllLines(cvxDir.resolve("cvx.synonyms.tsv"), StandardCharsets.UTF_8);
        for (String row : synonyms.subList(1, synonyms.size())) {
            String[] f = row.split("\t", -1);
            Concept c = byId.get(f[1].toUpperCase(Locale.ROOT));
            if (c != null && f[3].equals("oboInOwl:hasExactSynonym")) {
                c.synonyms.add(f[0]);
            }
        }
        return new ArrayList<>(byId.values());
    }

    // ----------------------------------------------------------------------- synonym assignment

    static String normalize(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static boolean acceptable(String raw) {
        String s = raw.trim().replaceAll("\\s+", " ");
        if (s.length() < 3 || s.length() > 80) {
            return false;
        }
        for (char ch : s.toCharArray()) {
            if (ch == '|' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == ',' || ch == ';'
                    || ch == '"' || ch == '/' || ch == ':' || ch == '{' || ch == '}' || ch == '#' || ch == '?') {
                return false;
            }
            if (ch < 0x20 || (ch > 0x7e && !Character.isLetter(ch))) {
                return false;
            }
        }
        if (!s.chars().anyMatch(Character::isLetter)) {
            return false;
        }
        if (s.length() == 3 && !s.equals(s.toUpperCase(Locale.ROOT)) && !BODY_PARTS_OF_THREE.contains(normalize(s))) {
            return false; // three letters only as an upper-case abbreviation or a body part
        }
        if (isAbbreviation(s) && !ALLOWED_ABBREVIATIONS.contains(s)) {
            return false;
        }
        return !BLOCKED_TERMS.contains(normalize(s));
    }

    static boolean isAbbreviation(String s) {
        if (s.indexOf(' ') >= 0 || !s.equals(s.toUpperCase(Locale.ROOT))) {
            return false;
        }
        long letters = s.chars().filter(Character::isLetter).count();
        boolean digits = s.chars().anyMatch(Character::isDigit);
        return letters >= 2 && (s.length() <= 4 || digits || letters <= 6);
    }

    /** Gives every normalized synonym text to one concept only and drops unacceptable synonyms. */
    static void assignSynonyms(List<Concept> concepts) {
        // rank: (priority, preferred-name-first, id) -> the first claimant wins
        record Claim(int priority, int preferredRank, String id) {}
        Map<String, Claim> owner = new HashMap<>();
        Comparator<Claim> order = Comparator.comparingInt(Claim::priority)
                .thenComparingInt(Claim::preferredRank).thenComparing(Claim::id);
        for (Concept c : concepts) {
            for (String s : c.synonyms) {
                if (!acceptable(s) || (group(c.tui).equals("drug") && ANALYTES_NOT_DRUGS.contains(normalize(s)))) {
                    continue;
                }
                Claim claim = new Claim(c.priority, s.equalsIgnoreCase(c.preferred) ? 0 : 1, c.id);
                owner.merge(normalize(s), claim, (a, b) -> order.compare(a, b) <= 0 ? a : b);
            }
        }
        for (Concept c : concepts) {
            Set<String> kept = new LinkedHashSet<>();
            for (String s : c.synonyms) {
                String n = normalize(s);
                Claim claim = owner.get(n);
                if (claim != null && claim.id().equals(c.id) && acceptable(s)) {
                    kept.add(s.trim().replaceAll("\\s+", " "));
                }
            }
            // one line per normalized text
            Map<String, String> unique = new LinkedHashMap<>();
            for (String s : kept) {
                unique.putIfAbsent(normalize(s), s);
            }
            c.synonyms.clear();
            c.synonyms.addAll(unique.values());
        }
    }

    // ------------------------------------------------------------------------------------ output

    static void writeBsv(Path file, List<Concept> concepts, Map<String, String> versions) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Annota starter dictionary for Apache cTAKES (BsvRareWordDictionary / BsvConceptFactory)\n");
            w.write("# Format: ID|TUI|synonym|preferred text. Generated by ctakes-config/tools/BuildStarterDictionary.java;\n");
            w.write("# do not edit by hand. No UMLS or SNOMED CT content. Sources and licences: ctakes-config/NOTICE.md\n");
            w.write("# dictionary: " + DICTIONARY_NAME + " " + DICTIONARY_VERSION + " (" + shortVersions(versions) + ")\n");
            for (Map.Entry<String, String> v : versions.entrySet()) {
                w.write("# source: " + v.getKey() + " " + v.getValue() + "\n");
            }
            for (Concept c : concepts) {
                for (String s : c.synonyms) {
                    w.write(c.id + "|" + c.tui + "|" + s + "|" + clean(c.preferred) + "\n");
                }
            }
        }
    }

    static void writeCodes(Path file, List<Concept> concepts) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Annota starter dictionary: concept ID -> codes (primary first). Generated, do not edit.\n");
            w.write("# ID\tsystem\tcode\tdisplay\torigin (primary | xref | name-match | index)\n");
            for (Concept c : concepts) {
                for (Code code : c.codes) {
                    w.write(c.id + "\t" + code.system() + "\t" + code.code() + "\t" + clean(code.display()) + "\t"
                            + code.origin() + "\n");
                }
            }
        }
    }

    static String shortVersions(Map<String, String> versions) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> v : versions.entrySet()) {
            Matcher date = Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(v.getValue());
            String abbreviation = switch (v.getKey()) {
                case "Human Disease Ontology" -> "DOID";
                case "Symptom Ontology" -> "SYMP";
                case "RxNorm Current Prescribable Content" -> "RxNorm prescribable";
                case "DrugBank open vocabulary" -> "DrugBank open vocabulary";
                case "Medical Action Ontology" -> "MAxO";
                case "Uberon (MAxO import module)" -> "Uberon";
                case "CDISC SDTM Controlled Terminology (NCI EVS)" -> "CDISC SDTM CT";
                case "CDC CVX (obo-db-ingest export)" -> "CVX";
                default -> v.getKey();
            };
            if (abbreviation.startsWith("DrugBank")) {
                parts.add(abbreviation);
            } else if (date.find()) {
                parts.add(abbreviation + " " + date.group());
            } else {
                parts.add(abbreviation + " " + v.getValue().replaceAll(" \\(.*\\)", ""));
            }
        }
        return String.join("; ", parts);
    }

    static String clean(String s) {
        return s == null ? "" : s.replace('|', ' ').replace('\t', ' ').replaceAll("\\s+", " ").trim();
    }

    // --------------------------------------------------------------------------------------- OBO

    static final Pattern SYNONYM = Pattern.compile("^synonym: \"((?:[^\"\\\\]|\\\\.)*)\" (\\w+)(.*)$");

    static List<OboTerm> readObo(Path path, Map<String, String> header) throws IOException {
        List<OboTerm> terms = new ArrayList<>();
        try (BufferedReader r = reader(path)) {
            String line;
            boolean inTerm = false;
            boolean inHeader = true;
            String id = null;
            String name = null;
            boolean obsolete = false;
            List<String> syns = new ArrayList<>();
            List<String> xrefs = new ArrayList<>();
            List<String> subsets = new ArrayList<>();
            List<String> parents = new ArrayList<>();
            while ((line = r.readLine()) != null) {
                if (line.startsWith("[")) {
                    if (inTerm && id != null) {
                        terms.add(new OboTerm(id, name, syns, xrefs, subsets, parents, obsolete));
                    }
                    inHeader = false;
                    inTerm = line.equals("[Term]");
                    id = null;
                    name = null;
                    obsolete = false;
                    syns = new ArrayList<>();
                    xrefs = new ArrayList<>();
                    subsets = new ArrayList<>();
                    parents = new ArrayList<>();
                    continue;
                }
                if (inHeader) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        header.putIfAbsent(line.substring(0, colon), line.substring(colon + 2).trim());
                    }
                    continue;
                }
                if (!inTerm) {
                    continue;
                }
                if (line.startsWith("id: ")) {
                    id = line.substring(4).trim();
                } else if (line.startsWith("name: ")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("is_obsolete: true")) {
                    obsolete = true;
                } else if (line.startsWith("xref: ")) {
                    xrefs.add(line.substring(6).trim().split(" ")[0]);
                } else if (line.startsWith("is_a: ")) {
                    parents.add(line.substring(6).trim().split(" ")[0]);
                } else if (line.startsWith("subset: ")) {
                    subsets.add(line.substring(8).trim());
                } else if (line.startsWith("synonym: ")) {
                    Matcher m = SYNONYM.matcher(line);
                    if (m.matches() && m.group(2).equals("EXACT")) {
                        syns.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
            }
            if (inTerm && id != null) {
                terms.add(new OboTerm(id, name, syns, xrefs, subsets, parents, obsolete));
            }
        }
        return terms;
    }

    static BufferedReader reader(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (path.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    // --------------------------------------------------------------------------------------- CSV

    /** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> readCsv(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------- ICD-10-CM

    static final class Icd10cm {
        final Map<String, String> codes = new HashMap<>();        // code -> title
        final Map<String, String> titleToCode = new HashMap<>();  // lower title -> code
        final Map<String, String> indexToCode = new HashMap<>();  // lower main term -> code

        static Icd10cm load(Path dir) throws IOException {
            Icd10cm icd = new Icd10cm();
            List<List<String>> rows = readCsv(dir.resolve("ICD10CM_2025_codes.csv"));
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() < 2) {
                    continue;
                }
                String code = row.get(0).trim();
                String title = row.get(1).trim();
                icd.codes.put(code, title);
                String lower = title.toLowerCase(Locale.ROOT);
                icd.titleToCode.putIfAbsent(lower, code);
                if (lower.endsWith(", unspecified")) {
                    icd.titleToCode.putIfAbsent(lower.substring(0, lower.length() - ", unspecified".length()), code);
                }
            }
            List<List<String>> index = readCsv(dir.resolve("ICD10CM_2025_Index.csv"));
            // RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code
            for (List<String> row : index.subList(1, index.size())) {
                if (row.size() >= 8 && row.get(2).equals("0") && !row.get(7).isBlank()
                        && icd.codes.containsKey(row.get(7).trim())) {
                    icd.indexToCode.putIfAbsent(row.get(3).trim().toLowerCase(Locale.ROOT), row.get(7).trim());
                }
            }
            return icd;
        }

        String matchName(String name) {
            String lower = normalize(name);
            String code = titleToCode.get(lower);
            return code != null ? code : indexToCode.get(lower);
        }
    }

    // ----------------------------------------------------------------------------------- DrugBank

    static final class DrugBank {
        record Entry(String id, String name) {}

        final Map<String, Entry> byUnii = new HashMap<>();
        final Map<String, Entry> byName = new HashMap<>();   // lower common name or synonym -> entry
        String maxId = "";

        static DrugBank load(Path csv) throws IOException {
            DrugBank db = new DrugBank();
            List<List<String>> rows = readCsv(csv);
            // DrugBank ID,Accession Numbers,Common name,CAS,UNII,Synonyms,Standard InChI Key
            Map<String, Entry> bySynonym = new HashMap<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() < 6 || !row.get(0).startsWith("DB")) {
                    continue;
                }
                Entry e = new Entry(row.get(0).trim(), row.get(2).trim());
                if (e.id.compareTo(db.maxId) > 0) {
                    db.maxId = e.id;
                }
                if (!row.get(4).isBlank()) {
                    db.byUnii.putIfAbsent(row.get(4).trim(), e);
                }
                db.byName.putIfAbsent(e.name.toLowerCase(Locale.ROOT), e);
                for (String syn : row.get(5).split(" \\| ")) {
                    if (!syn.isBlank()) {
                        bySynonym.putIfAbsent(syn.trim().toLowerCase(Locale.ROOT), e);
                    }
                }
            }
            // common names first, synonyms only where no common name matches
            bySynonym.forEach(db.byName::putIfAbsent);
            return db;
        }
    }

    // --------------------------------------------------------------------------------------- JSON

    /** Minimal JSON reader (objects, arrays, strings, numbers, booleans, null). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) {
                throw new IllegalArgumentException("trailing JSON at " + j.i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    i += 4;
                    return Boolean.TRUE;
                case 'f':
                    i += 5;
                    return Boolean.FALSE;
                case 'n':
                    i += 4;
                    return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    return Double.parseDouble(s.substring(start, i));
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }
    }
}
