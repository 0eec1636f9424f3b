package io.annota.synthetic;

import java.util.List;

/**
 * Small hand-written tables of clinical terms (problems, symptoms, drugs, procedures, labs) with their public
 * codes (ICD-10-CM, RxNorm ingredient RXCUI, LOINC). Only clinical vocabulary lives here; every name, address or
 * other PHI value comes from Datafaker.
 */
final class ClinicalTerms {

    private ClinicalTerms() {
    }

    /** A drug with its usual order sentence. */
    record Drug(String name, String rxcui, String dose, String sig) {
        /** "metformin 500 mg twice daily" */
        String order() {
            return name + " " + dose + " " + sig;
        }
    }

    /** A chronic problem and the drug that usually treats it. */
    record Problem(String term, String icd10, String display, Drug drug) {
    }

    /** A reason for an encounter: its diagnosis, the symptoms that bring the patient in, and the work-up. */
    record Acute(String term, String icd10, String display, List<String> symptoms, String procedure, Drug drug,
            String plan) {
    }

    /** A laboratory test: LOINC, name, UCUM unit, reference range and decimals. */
    record Lab(String loinc, String name, String unit, double low, double high, int decimals) {
        String range() {
            return Numbers.format(low, decimals) + "-" + Numbers.format(high, decimals);
        }
    }

    /** A laboratory panel (OBR-4) and its tests. */
    record Panel(String loinc, String name, List<Lab> labs) {
    }

    /** A result reported as text (OBX-2 ST or TX). */
    record TextResult(String loinc, String name, String type, List<String> values) {
    }

    static final Drug METFORMIN = new Drug("metformin", "6809", "500 mg", "twice daily");
    static final Drug LISINOPRIL = new Drug("lisinopril", "29046", "10 mg", "daily");
    static final Drug ATORVASTATIN = new Drug("atorvastatin", "83367", "40 mg", "at bedtime");
    static final Drug ASPIRIN = new Drug("aspirin", "1191", "81 mg", "daily");
    static final Drug ALBUTEROL = new Drug("albuterol", "435", "90 mcg", "2 puffs every 4 hours as needed");
    static final Drug LEVOTHYROXINE = new Drug("levothyroxine", "10582", "75 mcg", "daily");
    static final Drug OMEPRAZOLE = new Drug("omeprazole", "7646", "20 mg", "daily before breakfast");
    static final Drug SERTRALINE = new Drug("sertraline", "36437", "50 mg", "daily");
    static final Drug AMLODIPINE = new Drug("amlodipine", "17767", "5 mg", "daily");
    static final Drug FUROSEMIDE = new Drug("furosemide", "4603", "40 mg", "daily");
    static final Drug METOPROLOL = new Drug("metoprolol", "6918", "25 mg", "twice daily");
    static final Drug APIXABAN = new Drug("apixaban", "1364430", "5 mg", "twice daily");
    static final Drug TIOTROPIUM = new Drug("tiotropium", "69120", "18 mcg", "inhaled daily");
    static final Drug ACETAMINOPHEN = new Drug("acetaminophen", "161", "650 mg", "every 6 hours as needed");
    static final Drug INSULIN_GLARGINE = new Drug("insulin glargine", "274783", "20 units", "at bedtime");
    static final Drug AZITHROMYCIN = new Drug("azithromycin", "18631", "500 mg", "daily for 3 days");
    static final Drug CEFTRIAXONE = new Drug("ceftriaxone", "2193", "1 g", "IV every 24 hours");
    static final Drug NITROFURANTOIN = new Drug("nitrofurantoin", "7454", "100 mg", "twice daily for 5 days");
    static final Drug CEPHALEXIN = new Drug("cephalexin", "2231", "500 mg", "four times daily for 7 days");
    static final Drug PREDNISONE = new Drug("prednisone", "8640", "40 mg", "daily for 5 days");
    static final Drug ONDANSETRON = new Drug("ondansetron", "26225", "4 mg", "every 8 hours as needed");
    static final Drug SUMATRIPTAN = new Drug("sumatriptan", "37418", "50 mg", "at onset of headache");
    static final Drug MONTELUKAST = new Drug("montelukast", "88249", "10 mg", "at bedtime");
    static final Drug IBUPROFEN = new Drug("ibuprofen", "5640", "400 mg", "every 6 hours as needed");

    static final List<Problem> PROBLEMS = List.of(
            new Problem("type 2 diabetes mellitus", "E11.9", "Type 2 diabetes mellitus without complications",
                    METFORMIN),
            new Problem("hypertension", "I10", "Essential (primary) hypertension", LISINOPRIL),
            new Problem("hyperlipidemia", "E78.5", "Hyperlipidemia, unspecified", ATORVASTATIN),
            new Problem("asthma", "J45.909", "Unspecified asthma, uncomplicated", ALBUTEROL),
            new Problem("hypothyroidism", "E03.9", "Hypothyroidism, unspecified", LEVOTHYROXINE),
            new Problem("gastroesophageal reflux disease", "K21.9",
                    "Gastro-esophageal reflux disease without esophagitis", OMEPRAZOLE),
            new Problem("depression", "F32.9", "Major depressive disorder, single episode, unspecified",
                    SERTRALINE),
            new Problem("coronary artery disease", "I25.10",
                    "Atherosclerotic heart disease of native coronary artery without angina pectoris", ASPIRIN),
            new Problem("atrial fibrillation", "I48.91", "Unspecified atrial fibrillation", APIXABAN),
            new Problem("chronic obstructive pulmonary disease", "J44.9",
                    "Chronic obstructive pulmonary disease, unspecified", TIOTROPIUM),
            new Problem("congestive heart failure", "I50.9", "Heart failure, unspecified", FUROSEMIDE),
            new Problem("osteoarthritis of the knee", "M17.9", "Osteoarthritis of knee, unspecified",
                    ACETAMINOPHEN),
            new Problem("chronic kidney disease", "N18.9", "Chronic kidney disease, unspecified", AMLODIPINE),
            new Problem("migraine", "G43.909", "Migraine, unspecified, not intractable, without status migrainosus",
                    SUMATRIPTAN),
            new Problem("anemia", "D64.9", "Anemia, unspecified", null));

    /** Problems also seen in children (the first table's terms). */
    static final List<Problem> CHILD_PROBLEMS = PROBLEMS.stream()
            .filter(p -> List.of("asthma", "migraine", "anemia", "hypothyroidism").contains(p.term())).toList();

    static final List<Acute> ACUTE = List.of(
            new Acute("pneumonia", "J18.9", "Pneumonia, unspecified organism",
                    List.of("cough", "fever", "shortness of breath"), "chest x-ray", AZITHROMYCIN,
                    "Start antibiotics and repeat chest x-ray in 6 weeks."),
            new Acute("urinary tract infection", "N39.0", "Urinary tract infection, site not specified",
                    List.of("dysuria", "urinary frequency", "suprapubic pain"), "urine culture", NITROFURANTOIN,
                    "Encourage fluids; follow up on the urine culture."),
            new Acute("cellulitis", "L03.90", "Cellulitis, unspecified",
                    List.of("leg swelling", "redness", "fever"), "incision and drainage", CEPHALEXIN,
                    "Mark the borders of erythema and elevate the leg."),
            new Acute("acute appendicitis", "K35.80", "Unspecified acute appendicitis",
                    List.of("abdominal pain", "nausea", "vomiting"), "appendectomy", CEFTRIAXONE,
                    "Surgery consulted; NPO after midnight."),
            new Acute("COPD exacerbation", "J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation",
                    List.of("shortness of breath", "wheezing", "cough"), "chest x-ray", PREDNISONE,
                    "Nebulized bronchodilators every 4 hours; wean oxygen as tolerated."),
            new Acute("asthma exacerbation", "J45.901", "Unspecified asthma with (acute) exacerbation",
                    List.of("wheezing", "chest tightness", "cough"), "peak flow measurement", PREDNISONE,
                    "Review inhaler technique and the asthma action plan."),
            new Acute("acute on chronic systolic heart failure", "I50.23",
                    "Acute on chronic systolic (congestive) heart failure",
                    List.of("shortness of breath", "leg swelling", "orthopnea"), "echocardiogram", FUROSEMIDE,
                    "Daily weights, 2 g sodium diet & fluid restriction."),
            new Acute("gastroenteritis", "K52.9", "Noninfective gastroenteritis and colitis, unspecified",
                    List.of("nausea", "vomiting", "diarrhea"), "abdominal ultrasound", ONDANSETRON,
                    "Oral rehydration; advance diet as tolerated."),
            new Acute("chest pain", "R07.9", "Chest pain, unspecified",
                    List.of("chest pain", "palpitations", "diaphoresis"), "stress test", ASPIRIN,
                    "Serial troponins and telemetry; stress test if negative."),
            new Acute("paroxysmal atrial fibrillation", "I48.0", "Paroxysmal atrial fibrillation",
                    List.of("palpitations", "dizziness", "fatigue"), "echocardiogram", METOPROLOL,
                    "Rate control; discuss anticoagulation."));

    /** Symptoms that notes deny ("denies chest pain", "no fever"). */
    static final List<String> SYMPTOMS = List.of("chest pain", "shortness of breath", "fever", "chills", "cough",
            "nausea", "vomiting", "abdominal pain", "headache", "dizziness", "palpitations", "diarrhea", "dysuria",
            "night sweats", "weight loss", "blurred vision", "syncope", "wheezing", "back pain", "hematuria");

    /** Past procedures ("s/p appendectomy"); PROCEDURE mentions. */
    static final List<String> PAST_PROCEDURES = List.of("appendectomy", "cholecystectomy", "colonoscopy",
            "tonsillectomy", "total knee replacement", "inguinal hernia repair", "cataract surgery",
            "upper endoscopy", "coronary artery bypass grafting", "carpal tunnel release");

    /** Past procedures of children. */
    static final List<String> CHILD_PROCEDURES = List.of("appendectomy", "tonsillectomy", "inguinal hernia repair");

    /** Disorders that run in families; the first {@link #FEMALE_ONLY} are used only for female relatives. */
    static final List<String> FAMILY_DISORDERS = List.of("breast cancer", "ovarian cancer", "colon cancer",
            "coronary artery disease", "type 2 diabetes mellitus", "hypertension", "stroke",
            "myocardial infarction", "Alzheimer disease", "lung cancer");
    static final int FEMALE_ONLY = 2;

    static final Lab GLUCOSE = new Lab("2345-7", "Glucose", "mg/dL", 70, 99, 0);
    static final Lab SODIUM = new Lab("2951-2", "Sodium", "mmol/L", 136, 145, 0);
    static final Lab POTASSIUM = new Lab("2823-3", "Potassium", "mmol/L", 3.5, 5.1, 1);
    static final Lab CHLORIDE = new Lab("2075-0", "Chloride", "mmol/L", 98, 107, 0);
    static final Lab CO2 = new Lab("2028-9", "Carbon dioxide, total", "mmol/L", 22, 29, 0);
    static final Lab BUN = new Lab("3094-0", "Urea nitrogen", "mg/dL", 7, 20, 0);
    static final Lab CREATININE = new Lab("2160-0", "Creatinine", "mg/dL", 0.6, 1.3, 2);
    static final Lab CALCIUM = new Lab("17861-6", "Calcium", "mg/dL", 8.5, 10.2, 1);
    static final Lab WBC = new Lab("6690-2", "Leukocytes", "10*3/uL", 4.5, 11.0, 1);
    static final Lab HEMOGLOBIN = new Lab("718-7", "Hemoglobin", "g/dL", 12.0, 17.5, 1);
    static final Lab HEMATOCRIT = new Lab("4544-3", "Hematocrit", "%", 36, 52, 1);
    static final Lab PLATELETS = new Lab("777-3", "Platelets", "10*3/uL", 150, 400, 0);
    static final Lab HBA1C = new Lab("4548-4", "Hemoglobin A1c", "%", 4.0, 5.6, 1);
    static final Lab CHOLESTEROL = new Lab("2093-3", "Cholesterol", "mg/dL", 100, 199, 0);
    static final Lab TRIGLYCERIDE = new Lab("2571-8", "Triglyceride", "mg/dL", 40, 149, 0);
    static final Lab HDL = new Lab("2085-9", "Cholesterol in HDL", "mg/dL", 40, 90, 0);
    static final Lab TROPONIN = new Lab("6598-7", "Troponin T", "ng/mL", 0.0, 0.01, 2);

    static final List<Panel> PANELS = List.of(
            new Panel("51990-0", "Basic metabolic panel", List.of(GLUCOSE, SODIUM, POTASSIUM, CHLORIDE, CO2, BUN,
                    CREATININE, CALCIUM)),
            new Panel("58410-2", "CBC panel", List.of(WBC, HEMOGLOBIN, HEMATOCRIT, PLATELETS)),
            new Panel("4548-4", "Hemoglobin A1c", List.of(HBA1C)),
            new Panel("57698-3", "Lipid panel", List.of(CHOLESTEROL, TRIGLYCERIDE, HDL)),
            new Panel("6598-7", "Troponin T", List.of(TROPONIN)));

    static final List<TextResult> TEXT_RESULTS = List.of(
            new TextResult("5778-6", "Color of Urine", "ST", List.of("Yellow", "Amber", "Straw")),
            new TextResult("5767-9", "Appearance of Urine", "ST", List.of("Clear", "Cloudy", "Hazy")),
            new TextResult("630-4", "Bacteria identified in Urine by Culture", "TX",
                    List.of("No growth at 48 hours.", "Greater than 100,000 CFU/mL Escherichia coli.",
                            "Mixed flora, 10,000-50,000 CFU/mL; likely contamination.")),
            new TextResult("600-7", "Bacteria identified in Blood by Culture", "TX",
                    List.of("No growth at 5 days.", "No growth to date; final report to follow.")));

    /** Vital signs (LOINC, name, UCUM unit, low, high, decimals), as FHIR vital-signs Observations. */
    static final List<Lab> VITALS = List.of(
            new Lab("8867-4", "Heart rate", "/min", 58, 104, 0),
            new Lab("9279-1", "Respiratory rate", "/min", 12, 22, 0),
            new Lab("8310-5", "Body temperature", "Cel", 36.4, 38.6, 1),
            new Lab("29463-7", "Body weight", "kg", 48, 118, 1),
            new Lab("2708-6", "Oxygen saturation in Arterial blood", "%", 90, 100, 0));
}
