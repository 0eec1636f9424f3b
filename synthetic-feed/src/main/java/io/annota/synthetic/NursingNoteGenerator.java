package io.annota.synthetic;

import static io.annota.synthetic.ClinicalMention.DISORDER;
import static io.annota.synthetic.ClinicalMention.MEDICATION;
import static io.annota.synthetic.ClinicalMention.PROCEDURE;
import static io.annota.synthetic.ClinicalMention.SIGN_SYMPTOM;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * Writes ICU nursing, respiratory care and social work notes in the style of real ones: all capitals, all lower case
 * or mixed per note; system-by-system ({@code NEURO:}, {@code CV:}, {@code RESP:}, ...), S/O/A/P or run-on layout;
 * clinical shorthand ({@code S/P}, {@code R/O}, {@code A&OX3}, {@code c/o}, {@code w/}, {@code OOB}, {@code HR 80s}),
 * misspellings, times ({@code 0700}, {@code 4:30am}, not PHI) and look-alikes of dates ({@code 5/5}, {@code 2/2},
 * {@code 110/60}, not PHI).
 *
 * <p>PHI (gold): the patient ({@code Mr. Keller}, {@code mrs keller}), relatives by relation ("husband bill
 * called", "dtr Hope in to visit", "niece, Ada Marsh, is proxy"), clinicians after {@code dr}/{@code Dr.} or before
 * {@code MD}/{@code RN}/{@code NP}/{@code RRT} and in signatures, dates in shorthand ({@code 7/22}, {@code 7-22},
 * {@code 7/22/24}, {@code 22-Jul}, {@code July 22nd}, {@code the 22nd}), years ({@code '92}, {@code 1992}), phone
 * and pager numbers, hospitals (acronyms, the name part of "Kessler hosp", "Alder rehab", "St. Agnes hospital"),
 * towns, ages over 89 and record numbers. Some names are also English words (Bill, Hope, Rose, Grant, King, Park,
 * Walker), and the same words occur elsewhere as words ("amb w/ walker", "temp rose to 101"): only the name
 * positions are gold. Role words in name-like positions ("Charge RN aware", "per Renal") and eponyms (Foley,
 * Swan-Ganz, Miami J collar) are not PHI.
 *
 * <p>Every value is from Datafaker (folded to ASCII, so that changing the case never changes a length) or from the
 * small invented lists below. Clinical terms from {@link ClinicalTerms} are recorded as {@link ClinicalMention}s.
 */
final class NursingNoteGenerator {

    /** How a whole note is written. */
    enum CaseStyle { MIXED, UPPER, LOWER }

    /** Given names that are also English words. */
    static final List<String> WORD_GIVEN_FEMALE = List.of("Hope", "Rose", "Faith", "Joy", "Grace", "Dawn", "June",
            "Iris", "Holly", "Sandy", "Ginger", "Summer", "Pearl", "Olive", "Ruby", "Violet");
    static final List<String> WORD_GIVEN_MALE = List.of("Bill", "Rich", "Grant", "Mark", "Frank", "Will", "Art",
            "Gene", "Ray", "Chase", "Jack", "Max", "Bob", "Buck", "Rusty", "Cliff", "Dale", "Wade");
    /** Family names that are also English words. */
    static final List<String> WORD_FAMILY = List.of("Park", "King", "Walker", "Rose", "Grant", "Rich", "Hope",
            "Young", "Long", "Bell", "Stone", "Hall", "Ward", "Brown", "White", "Gray", "Green", "Price", "Page",
            "Lane", "Woods", "Banks", "Marsh", "Fields", "Strong", "Sharp", "Cross", "Bishop", "Baker", "Cook",
            "Fisher", "Hunter", "Mason", "Porter", "Small", "Little", "Knight", "Fox", "Wolf", "Swift", "Frost",
            "Snow", "Moody", "Best", "Church", "Chambers");
    /** Saints for "St. X hospital" (invented list of common saint names). */
    private static final List<String> SAINTS = List.of("Agnes", "Joseph", "Luke", "Vincent", "Francis", "Anne",
            "Elizabeth", "Catherine", "Jude", "Raphael", "Clare", "Anthony", "Margaret", "Bernard", "Theresa");
    /**
     * Clinical and common abbreviations a generated hospital acronym must not collide with (so an acronym is never
     * also a word or clinical abbreviation elsewhere in a note).
     */
    private static final Set<String> NOT_ACRONYMS = Set.of("AC", "AF", "AM", "AN", "AS", "AT", "BE", "BM", "BP",
            "BS", "BY", "CA", "CC", "CP", "CT", "DC", "DO", "ED", "EF", "ER", "GI", "GO", "GU", "HA", "HD", "HE", "HO",
            "HR", "IN", "IS", "IT", "IV", "LE", "LS", "MA", "MD", "ME", "MG", "MI", "MY", "NC", "NO", "NP", "NS", "OF",
            "OK", "ON", "OR", "OT", "PA", "PE", "PM", "PO", "PR", "PS", "PT", "RN", "RR", "SB", "SO", "SR", "ST", "TO",
            "UP", "US", "VT", "WE", "ABG", "ACH", "AMC", "BMC", "BMP", "CBC", "CCH", "CCU", "CHF", "CMC", "CMH", "CVH",
            "DMC", "ECH", "EGH", "GCH", "HCH", "ICH", "ICU", "LCH", "MCH", "MCV", "MMC", "NGH", "NMH", "OGH", "PAH",
            "PCH", "PMH", "RCH", "SAH", "SCH", "SDH", "TCH", "UCH", "VAH", "VMC");
    private static final List<String> HOSPITAL_SUFFIXES = List.of("H", "H", "GH", "MC", "CH", "MH");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");
    /** Role and service words written where a name could stand ("Charge RN aware", "per Renal"): not PHI. */
    static final List<String> ROLE_WORDS = List.of("Charge", "Resource", "Float", "Night", "Covering",
            "Renal", "Cards", "Surgical", "Ortho", "Neuro", "Team", "Unit", "Admitting", "Hospice", "Primary",
            "Day", "Vascular", "Pulmonary");
    private static final List<String> SERVICE_WORDS = List.of("Renal", "renal", "Cards", "cards", "Surgery", "Ortho",
            "Neuro", "neuro", "team", "Team", "ID", "GI", "Heme", "HO", "Vascular", "Pulmonary");

    /** Placeholders that write PHI (or may: {age}, {pmh}). */
    private static final Pattern PHI_PLACEHOLDER = Pattern.compile("\\{(pt|ptfam|rel|relname|relfull|dr|mdname|np|rn"
            + "|date|fdate|hdate|year|hosp|acr|facility|town|phone|pager|mrn|pmh|age|aage|sigfull|siggiven|siginit"
            + "|swname)}");

    private static final String[] SHIFTS = {"7a-7p", "7p-7a", "11p-7a", "7a-3p", "3p-11p", "0700-1900",
        "1900-0700", "2300-0700", "7A-7P", "7P-7A", "1500-2300"};

    // ------------------------------------------------------------------------------------------- templates
    // Syntax: [a|b|c] picks one (may nest, may be empty); {name} writes a placeholder (see fill); {n:lo:hi} a number.

    private static final String[] HEADERS = {
        "[Nsg note|NSG NOTE|nsg prog note] {shift}",
        "[MICU|CCU|SICU|CSRU|TSICU|MICU/SICU] [Nursing|nsg|NSG|Nsg|nursing] [Progress Note|progress note|prog note|note|progress] {shift}",
        "[Nursing|NSG|Nsg] [progress|prog] note {hdate} {shift}",
        "{hdate} {shift} [nursing note|nsg note|RN note]",
        "[Nursing|NSG] [admit|admission] note",
        "[CCU|MICU] [Nursing|NSG] [Admission|admit] Note: [pt|patient] arrived from [ED|EW|cath lab|OR] at {time}",
        "[Nursing|nsg] [note|progress note] [addendum|update]",
        "[MICU|CCU] nursing progress note [days|nights|eve]",
    };

    private static final String[] OPENINGS = {
        "{age} [yo|y/o|yr old|YO|y.o.] [M|F|{man}] [admitted|adm] {date} [from|via] {hosp} [w/|with] {acute}.",
        "Pt is {aage} [y/o|yo|year old] {man} transferred from {hosp} on {date} for [r/o MI|R/O sepsis|further mgmt of {acute}|eval of {acute}].",
        "{pt} is {aage} [yr old|y/o|yo] {man} who fell at home {date}; {rel} {relname} called 911 and pt was taken to {acr} ER.",
        "{age} [yo|y/o] {man} w/ PMH {pmh} who presented to {hosp} c/o {sym} x {n:2:5} days.",
        "Pt admitted to [MICU|CCU|SICU] from [ED|EW|OR|the floor] on {date} [w/|with] {acute}, [intubated|on bipap|on pressors] on arrival.",
        "{pt} [remains|continues] [intubated and sedated|on bipap|on 4L NC|hemodynamically stable], [day|hd] {n:2:12} of [ICU stay|admission].",
        "{age} [yo|y/o] {man} [w/|with] hx of {problem}, [s/p|S/P] MI {year}, admitted {date} [w/|for] [R/O PNA|r/o MI|{acute}].",
        "Pt is {aage} yo {man} from {town} [admitted|transferred] {date} [w/|with] {acute}.",
        "{pt} [rested quietly|slept in short naps|was restless at times] [overnight|this shift|most of the day].",
        "[Pt|pt] [received|rec'd] from [ED|OR|PACU] at {time} [intubated|on nrb|awake and alert].",
    };

    private static final String[] NEURO = {
        "A&OX3, MAE, FC. PERRL. [no c/o pain|denies pain|pain controlled w/ tylenol].",
        "alert, oriented x[1|2|3], [confused at times|forgetful|appropriate], reoriented [easily|w/ difficulty]. MAE [weakly|equally].",
        "lethargic but arousable to voice, [not following commands consistently|follows simple commands]. pupils [3mm|2mm] [brisk|sluggish].",
        "sedated on [propofol|fentanyl and versed|precedex] gtt, [opens eyes to stim|grimaces w/ suctioning]. [no seizure activity noted|no sz activity].",
        "c/o {sym} [this am|overnight|at start of shift], tylenol 650 mg po given w/ [good|fair] effect.",
        "CIWA [scores|score] {n:2:14}, ativan {n:1:2}mg iv x{n:1:3} [overnight|during the night|this shift].",
        "GCS {n:8:15}. [neuro exam unchanged|no change in neuro exam]. [denies|no c/o] {negsym}.",
        "pt [very|quite] anxious at times, haldol {n:1:5}mg iv given at {time} per HO w/ good effect.",
        "[A&O X3|AAOX3|A+OX3], [pleasant and cooperative|calm], [sleeping in naps|slept well overnight].",
        "[moves all ext|MAE] to command, [hand grasps strong|weak L sided grip], [speech clear|speech slurred at times].",
    };

    private static final String[] CV = {
        "HR {n:6:9}0s [NSR|SR] [no ectopy|occ PVCs|rare PACs]. SBP {n:10:13}0s-{n:14:16}0s. [+PPP|pulses palpable|+pedal pulses by doppler].",
        "[afib|AF] [w/|with] RVR to {n:12:16}0s, dilt {n:5:20}mg iv x{n:1:2} [per dr {dr}|per {np} NP|per HO], now rate controlled {n:8:9}0s.",
        "BP labile, {n:8:10}0s-{n:15:18}0s systolic. [levophed|neo|dopamine] weaned to off at {time}.",
        "K {n:3:3}.{n:1:6} repleted w/ {n:2:6}0 meq KCL [po|iv]. Mg {n:1:2}.{n:0:9} [repleted|wnl].",
        "CVP {n:4:16}, CO {n:3:7}.{n:0:9}, CI {n:2:3}.{n:0:9}. Swan-Ganz [in place|d/c'd].",
        "[no c/o|denies] {negsym}. EKG [unchanged|w/o acute changes], [trop|CK] pending.",
        "HR {n:8:9}0s-{n:10:11}0s, ST [w/|with] occ PVC's. 1 unit PRBC given for HCT {n:22:27}, repeat HCT pending.",
        "heparin gtt at {n:8:14}00 units/hr, PTT {n:45:99} [at |@]{time}, next PTT due [at |@]{time}.",
        "[paced|A paced|V paced] {n:6:8}0, BP {n:9:14}0/{n:5:8}0. [cont on {drug}|{drug} held for SBP<100].",
        "HR 80s, BP 110/60-130/70. [1+|2+|trace] edema [bilat LE|RLE|hands].",
    };

    private static final String[] RESP = {
        "LS [clear|coarse|diminished] [upper|throughout|at bases], [crackles|rhonchi] [RLL|LLL|bilat bases]. sats {n:92:99}% on {n:2:6}L NC.",
        "vented on [A/C|AC|SIMV] {n:4:6}00x{n:12:20}, {n:3:6}0%, PEEP {n:5:10}. suctioned for [mod|sm|lg] amt [thick tan|thin white|thick yellow|green] [secretions|secreations].",
        "ABG 7.{n:30:48}/{n:30:55}/{n:60:140}. [vent changes made per RT|no vent changes made].",
        "weaned to PS {n:5:15}/5 at {time}, [tol well|tolerated well], RSBI {n:40:110}. plan to extubate in am if [ABG ok|stable].",
        "strong cough, [nonproductive|prod of sm amts white sputum]. IS encouraged, pulls {n:5:15}00cc.",
        "cpap 5/5 overnight, 40%, RR {n:14:28}. [no distress|no resp distress|mild distress w/ turning].",
        "[denies|no c/o] {negsym}. on {n:2:4}L NC, sats [mid|high] 90s. [CXR|cxr] [pending|done this am].",
        "remains on bipap {n:10:15}/{n:5:8}, [tol fairly|tolerating well], [ABG improved|pco2 trending down].",
        "[LS|ls] [diminished|coarse] at bases, [nebs|alb/atrovent nebs] q{n:4:6}h and prn, [strong|weak] cough.",
    };

    private static final String[] GI = {
        "abd soft, [non tender|nontender|NT/ND], +BS. [NPO except meds|tolerating clears|TF at goal {n:3:8}0cc/hr]. [no BM|BM x{n:1:3}, [brown|loose brown|formed brown], guaiac [neg|pos]].",
        "OGT to LIS, [bilious|coffee ground] drainage, {n:5:40}0cc this shift. [GI aware|GI to see in am].",
        "[frank blood|maroon stool|melena] per rectum x{n:1:2}, HCT {n:21:30}, [type and cross sent|2 units PRBC on hold], GI to scope in am.",
        "abd [obese|distended], soft, [hypoactive|+] BS. [tol po|taking po well|poor po intake]. [no n/v|denies {negsym}].",
        "[TF|tube feeds] [held for residuals of {n:1:3}00cc|at goal, tolerating well], [OGT|NGT|dobhoff] placement confirmed by CXR.",
    };

    private static final String[] GU = {
        "foley draining [clear yellow|amber|cloudy] urine {n:2:8}0cc/hr. [lasix {n:2:8}0mg iv given at {time} w/ good diuresis|UO marginal, HO aware].",
        "BUN/Cr {n:20:90}/{n:1:5}.{n:0:9}. [renal following|renal aware], [HD|CVVH] [planned|running without problems].",
        "I/O +{n:1:3}L for 24h. [voiding qs|texas cath in place|condom cath in place].",
        "[foley d/c'd at {time}, due to void by {time}|UO {n:3:9}0-{n:1:2}00cc/hr, clear].",
    };

    private static final String[] SKIN = {
        "[coccyx|sacrum] w/ stage [I|II] decub, duoderm intact. turned q2h.",
        "skin intact, heels elevated, [air mattress|bair hugger on for temp {n:95:96}.{n:0:9}].",
        "R groin [site|sheath site] c/d/i, no hematoma, +DP/PT pulses by doppler.",
        "[PIV x2 patent|PIV 20g L FA patent], [R IJ TLC|L SC TLC|PICC R arm] [placed|changed] {date}.",
        "[A-line|aline] [R|L] radial, [good waveform|dampened at times]. [Hickman|Groshong] site c/d/i.",
    };

    private static final String[] ID = {
        "Tmax {n:99:101}.{n:0:9}, [temp rose to 10{n:1:2}.{n:0:9} at {time}, blood cx x2 sent|no new cultures]. on [vanco/zosyn|levo|cefepime|{drug}]. WBC {n:4:20}.{n:0:9}.",
        "[afebrile|low grade temp {n:99:100}.{n:0:9}]. cultures from {date} [pending|neg to date|ngtd].",
        "[MRSA|VRE] [screen sent|+], contact precautions [maintained|cont].",
    };

    private static final String[] ENDO = {
        "BS {n:110:250}, covered w/ [RISS|SSI|sliding scale]. [insulin gtt at {n:2:8}u/hr|NPH {n:10:30}u at hs].",
        "[FS|fingersticks|FSBS] {n:90:140}-{n:150:220}, [no coverage needed|covered per scale].",
    };

    private static final String[] ACTIVITY = {
        "OOB to chair w/ assist x[1|2], [amb {n:2:10}0 ft w/ walker|PT/OT following|tolerated well].",
        "[bedrest|BR] [until after cath|w/ HOB 30], [turns w/ assist|turns self].",
        "[pivot transfer to chair|OOB to chair x{n:1:3}h], [tol well|c/o fatigue]. [Miami J collar|Philadelphia collar|TLSO brace] on when OOB.",
    };

    private static final String[] SOCIAL = {
        "{rel} {relname} in to visit, updated [by RN|by dr {dr}|on plan of care].",
        "{rel} {relname} called x{n:1:3}, [updated|given update] [by RN|by this RN]. [cell# {phone}|can be reached at {phone}].",
        "HCP is {rel} {relname} ({phone}).",
        "{rel}, {relfull}, is [proxy|HCP|health care proxy]. [lives in {town}|can be reached at {phone}].",
        "family [in to visit|at bedside] [all evening|this afternoon], [very supportive|many questions answered].",
        "pt lives [in {town}|at home in {town}] w/ [wife|husband|dtr|son], [independent w/ ADLs|uses walker at home].",
        "[family meeting|fam mtg] planned for {fdate} w/ dr {dr} and SW.",
        "{rel} {relname} [driving in|flying in] from {town} [tonight|tomorrow], [aware of plan|updated by phone].",
        "[Full code|DNR/DNI|full code per family]. {rel} {relname} [aware|updated].",
        "{ptfam} family [updated on plan|to be called w/ any change].",
        "[{rel}|Son|Daughter] [Aware|aware] of plan, [will call in am|Called x2].",
        "spoke w/ [son|dtr|daughter|wife] on phone, [questions answered|updated on condition].",
        "pt's {rel} {relname} [wants|would like] to be called w/ any changes, [home|cell] # {phone}.",
        "[pt's|pts] {rel} {relname} and [family|friends|other family members] in to visit, [tearful|very appropriate], [SW|chaplain] [notified|to see in am].",
    };

    private static final String[] PLAN = {
        "cont to monitor [resp|neuro|hemodynamic] status. [wean vent as tol|wean O2 as tol]. [CXR|labs] in am.",
        "[transfer|xfer|d/c] to {facility} when [bed avail|bed available|medically stable].",
        "[possible|poss] d/c [home|to {facility}] [in 1-2 days|tomorrow|on {fdate}].",
        "f/u [w/|with] dr {dr} [re:|regarding] [HD|cath|trach] [plan|timing].",
        "[trach|PEG|cath|IR drainage] planned for {fdate}.",
        "notify HO w/ [changes|sbp <90|uo <30cc/hr].",
        "call {acr} [cardiology|neuro|records] [re:|for] [old records|old EKG|med list].",
        "[pain control|comfort], emotional support to pt and family. will cont current plan.",
        "[may|May] need [CT|MRI|TEE] in am, [NPO after MN|NPO after midnight].",
        "[will|Will] cont to follow [labs|I&O|neuro checks] closely.",
    };

    private static final String[] EVENTS = {
        "dr {dr} [aware|notified|in to see pt|made aware].",
        "{mdname} MD [aware|in to eval pt|notified of {sym}].",
        "[NP|np] {np} [aware|notified|in to see pt].",
        "{np} NP [aware|notified], [no new orders|new orders rec'd].",
        "[renal|cards|ID|GI|surgery|ortho|neuro] (dr {dr}) [following|consulted|in to see pt].",
        "[paged|called] dr {dr} at {time} re: [BP|low UO|{sym}], [no new orders|orders rec'd].",
        "{role} [RN|MD] aware.",
        "per {service}, [hold|cont] [heparin|TF|lasix].",
        "seen by [PT|OT|speech] [today|this am], [rec rehab|rec home w/ services].",
        "{rn} RN [aware|covering during break|covering for transport].",
        "[Dr.|DR.|Dr] {dr} [spoke w/ family|updated family] at {time}.",
    };

    private static final String[] RESP_CARE = {
        "pt rec'd on [A/C|PSV|SIMV] {n:4:6}00x{n:10:18}, peep {n:5:10}, fio2 {n:3:6}0%. bs [coarse|clear|diminished] bilat. sx for [sm|mod] amt [thick white|tan] [secretions|secreations].",
        "[albuterol/atrovent MDIs|MDIs] [per order|q4h], [no vent changes overnight|vent changes per MD]. will cont to follow.",
        "[trach|ETT] [secure|retaped], cuff pressure {n:20:28}. abg {n:7:7}.{n:35:45}/{n:35:50}/{n:70:120}.",
        "[weaned to PS|trial on cpap] {n:5:12}/5 at {time}, [tol well|RR up to 30s, back to A/C].",
    };

    private static final String[] SW = {
        "[SW|Social Work|CM] [note|Note]: [met w/|spoke w/] pt's {rel} {relname}[ and family| and pt|] [at bedside|by phone] re: [d/c planning|coping|proxy].",
        "{rel} ({relfull}) is [HCP|proxy], [home|cell] {phone}. [pt lives in {town}|pt lived alone in {town}].",
        "[referral sent|screening] to {facility} [and|&] {facility}, [awaiting bed offer|bed offer expected {fdate}].",
        "[will follow|will cont to follow] for [support|d/c planning]. pager {pager}.",
        "[contacted|called] {hosp} [case mgmt|SW] for [records|prior placement info].",
    };

    private static final String[] ADDENDUM = {
        "[Addendum|ADDENDUM|addendum]: [at |@|@ ]{time} pt [became|noted to be] [more lethargic|hypotensive to 80s|tachypneic], dr {dr} [aware|in to see pt], [fluid bolus given|ABG sent].",
        "[Addendum|addendum]: {rel} {relname} called, [updated|given update by dr {dr}].",
        "[Addendum|ADDENDUM]: [CXR|CT head] [done|read] [neg|w/o acute change], {mdname} MD [aware|notified].",
    };

    private static final String[] PMH_ITEMS = {
        "CAD", "HTN", "NIDDM", "IDDM", "CHF (EF {n:15:45}%)", "COPD on home O2", "CRI", "ESRD on HD",
        "afib on coumadin", "PVD", "{problem}", "{problem}", "{problem}", "GERD", "OSA on CPAP", "BPH", "dementia",
        "s/p CABG {year}", "s/p MI {year}", "s/p R TKR {year}", "s/p {proc}", "CVA {year} w/ residual L sided weakness",
        "s/p AVR", "h/o ETOH abuse", "breast CA s/p lumpectomy {year}", "Parkinson's", "Alzheimer's dementia",
        "h/o Bell's palsy", "baker's cyst", "kidney stone",
    };

    private static final String[] ACUTE = {
        "{acute}", "{acute}", "[PNA|pna|RLL PNA]", "[urosepsis|sepsis]", "[GI bleed|UGIB|LGIB]", "CHF exacerbation",
        "[NSTEMI|STEMI]", "[DKA|hyperglycemia]", "resp distress", "[SDH|SAH] after fall", "[COPD flare|COPD exac]",
        "[MS changes|AMS]", "hypotension",
    };

    private final People people;
    private final Random random;
    private final Faker faker;

    // per note
    private NoteBuilder b;
    private CaseStyle caseStyle;
    /** A note with little PHI: only templates without PHI placeholders, no signature (most real notes). */
    private boolean sparse;
    private boolean lowerNames;
    private Cast cast;
    private LocalDate today;
    private int relativeIndex;

    NursingNoteGenerator(People people) {
        this.people = people;
        this.random = people.random();
        this.faker = people.faker();
    }

    /** A relative: relation word, sex, given and family name. */
    private record Relative(String relation, String abbreviation, String given, String family) {
    }

    /** The people and places of one note. */
    private record Cast(boolean female, String given, String family, int age, List<Relative> relatives,
            List<String[]> doctors, String[] np, String town, String[] hospital, String acronym, String mrn) {
    }

    /** A note written as of {@code day}. */
    SyntheticNote write(LocalDate day) {
        b = new NoteBuilder();
        today = day;
        double roll = random.nextDouble();
        caseStyle = roll < 0.45 ? CaseStyle.MIXED : roll < 0.75 ? CaseStyle.UPPER : CaseStyle.LOWER;
        lowerNames = caseStyle == CaseStyle.MIXED && chance(0.4);
        cast = cast();
        relativeIndex = 0;
        sparse = false;
        double kind = random.nextDouble();
        if (kind < 0.72) {
            nursing();
        } else if (kind < 0.82) {
            respiratoryCare();
        } else if (kind < 0.92) {
            socialWork();
        } else {
            addendum();
        }
        return recase(b.build(), caseStyle);
    }

    // ------------------------------------------------------------------------------------------- note kinds

    private void nursing() {
        sparse = chance(0.25);
        line(template(HEADERS));
        if (!sparse && chance(0.06)) {
            line("MR# {mrn}");
        }
        if (!sparse && chance(0.65)) {
            line(template(OPENINGS));
        }
        if (!sparse && chance(0.45)) {
            line("[PMH|pmh|PMHX|Pmh]: {pmh}");
        }
        double layout = random.nextDouble();
        if (layout < 0.6) {
            systems();
        } else if (layout < 0.8) {
            soap();
        } else {
            runOn();
        }
        signature(false);
    }

    private void systems() {
        if (chance(0.3)) {
            line("[ROS|By system|BY SYSTEM|by system]:");
        }
        String style = pick("colon", "colon", "dash", "arrow", "double");
        section("NEURO", style, NEURO, 1 + random.nextInt(2));
        section("CV", style, CV, 1 + random.nextInt(2));
        section(pick("RESP", "RESP", "PULM"), style, RESP, 1 + random.nextInt(2));
        if (chance(0.5)) {
            section("GI/GU", style, concat(GI, GU), 2);
        } else {
            section("GI", style, GI, 1);
            section(pick("GU", "RENAL"), style, GU, 1);
        }
        if (chance(0.5)) {
            section("ID", style, ID, 1);
        }
        if (chance(0.35)) {
            section(pick("ENDO", "ENDOCRINE"), style, ENDO, 1);
        }
        if (chance(0.5)) {
            section(pick("SKIN", "INTEGUMENTARY", "ACCESS"), style, SKIN, 1);
        }
        if (chance(0.35)) {
            section("ACTIVITY", style, ACTIVITY, 1);
        }
        if (!sparse && chance(0.5)) {
            events(1);
        }
        section(pick("SOCIAL", "SOCIAL", "FAMILY", "Psychosocial"), style, SOCIAL, 1 + random.nextInt(2));
        section(pick("PLAN", "PLAN", "A/P", "P"), style, PLAN, 1 + random.nextInt(2));
    }

    private void soap() {
        line("[O: vitals per flowsheet.|O: VS AND I&O ON FLOWSHEET.|S: [pt denies {negsym}|\"I feel better\"|no complaints].]");
        List<String[]> pools = List.of(NEURO, CV, RESP, GI, GU, ID, SKIN);
        StringBuilder plain = new StringBuilder();
        for (String[] pool : pools) {
            if (chance(0.7)) {
                plain.append(template(pool)).append(' ');
            }
        }
        line(plain.toString().trim());
        if (!sparse && chance(0.6)) {
            events(1);
        }
        line(template(SOCIAL));
        line("A: [stable|improving|unchanged|hemodynamically stable, resp status improving|{acute}, improving].");
        line("P: " + template(PLAN) + (chance(0.5) ? " " + template(PLAN) : ""));
    }

    private void runOn() {
        StringBuilder text = new StringBuilder();
        String glue = pick("; ", ". ", " ");
        for (String[] pool : List.of(NEURO, CV, RESP, GI, EVENTS, SOCIAL, PLAN)) {
            String sentence = template(pool);
            if (sentence != null && chance(0.75)) {
                text.append(sentence.endsWith(".") && !glue.equals(" ") ? sentence.substring(0, sentence.length() - 1)
                        : sentence).append(glue);
            }
        }
        if (text.length() == 0) {
            text.append(template(NEURO));
        }
        line(text.toString().trim());
    }

    private void respiratoryCare() {
        line("[RT note|Respiratory therapy note|RESPIRATORY THERAPY|RT progress note|rt note]" + (chance(0.3) ? " {hdate}" : ""));
        List<String> pool = new ArrayList<>(List.of(RESP_CARE));
        int n = 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            line(pool.remove(random.nextInt(pool.size())));
        }
        if (chance(0.4)) {
            line(pick(EVENTS));
        }
        signature(true);
    }

    private void socialWork() {
        line("[SW|Social Work|Case Management|CM] [note|Note|f/u note]" + (chance(0.4) ? " {hdate}" : ""));
        if (chance(0.5)) {
            line(pick(OPENINGS));
        }
        int n = 2 + random.nextInt(3);
        List<String> pool = new ArrayList<>(List.of(SW));
        for (int i = 0; i < n && !pool.isEmpty(); i++) {
            line(pool.remove(random.nextInt(pool.size())));
        }
        if (chance(0.5)) {
            line(pick(SOCIAL));
        }
        line("[{swname}, LICSW|{swname} MSW|{swname}, CM RN|{swname} SW]" + (chance(0.6) ? " [pager|pgr|Pager #|PG] {pager}" : ""));
    }

    private void addendum() {
        line(pick(ADDENDUM));
        if (chance(0.5)) {
            line(pick(EVENTS));
        }
        signature(false);
    }

    private void section(String heading, String style, String[] pool, int sentences) {
        String head = switch (caseStyle == CaseStyle.MIXED && heading.length() > 2 ? random.nextInt(3) : 0) {
            case 1 -> NoteGenerator.cap(heading.toLowerCase(Locale.ROOT));
            case 2 -> heading.toLowerCase(Locale.ROOT);
            default -> heading;
        };
        String separator = switch (style) {
            case "dash" -> "- ";
            case "arrow" -> "-> ";
            case "double" -> "-- ";
            default -> ": ";
        };
        List<String> left = new ArrayList<>();
        for (String template : pool) {
            if (!sparse || !PHI_PLACEHOLDER.matcher(template).find()) {
                left.add(template);
            }
        }
        if (left.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < sentences && !left.isEmpty(); i++) {
            body.append(i > 0 ? " " : "").append(left.remove(random.nextInt(left.size())));
        }
        if (!sparse && chance(0.25)) {
            body.append(" ").append(pick(EVENTS));
        }
        expand(escape(head) + separator + body);
        b.nl();
        if (chance(0.3)) {
            b.t(" ").nl();
        }
    }

    private void events(int n) {
        for (int i = 0; i < n; i++) {
            line(pick(EVENTS));
        }
    }

    private void signature(boolean therapist) {
        if (sparse || !therapist && chance(0.3)) {
            return;
        }
        String role = therapist ? pick("RRT", "RRT", "RT", "CRT") : pick("RN", "RN", "RN", "RN, BSN", "SN", "RN,BSN");
        if (chance(0.15)) {
            b.nl();
        }
        String form = pick("{sigfull}, " + role, "{sigfull} " + role, "{siginit}, " + role, "-{siggiven} " + role,
                "{sigfull}, " + role);
        line(form);
    }

    /** A random template of the pool; in a sparse note one without PHI placeholders. */
    private String template(String[] pool) {
        if (!sparse) {
            return pick(pool);
        }
        List<String> candidates = new ArrayList<>();
        for (String template : pool) {
            if (!PHI_PLACEHOLDER.matcher(template).find()) {
                candidates.add(template);
            }
        }
        return candidates.isEmpty() ? null : Numbers.pick(random, candidates);
    }

    private void line(String template) {
        expand(template);
        b.nl();
    }

    // ----------------------------------------------------------------------------------------- template engine

    /** Writes a template into the note; see the syntax above the template tables. */
    private void expand(String template) {
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '[') {
                int end = matching(template, i);
                b.t(plain.toString());
                plain.setLength(0);
                expand(choose(template.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                b.t(plain.toString());
                plain.setLength(0);
                fill(template.substring(i + 1, end));
                i = end + 1;
            } else {
                plain.append(c);
                i++;
            }
        }
        b.t(plain.toString());
    }

    private static int matching(String template, int open) {
        int depth = 0;
        for (int i = open; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced [ in " + template);
    }

    /** One of the top-level alternatives of "a|b|[c|d]". */
    private String choose(String alternatives) {
        List<String> options = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < alternatives.length(); i++) {
            char c = alternatives.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                options.add(alternatives.substring(from, i));
                from = i + 1;
            }
        }
        options.add(alternatives.substring(from));
        return options.get(random.nextInt(options.size()));
    }

    private static String escape(String text) {
        if (text.matches(".*[\\[\\]{}|].*")) {
            throw new IllegalArgumentException("template characters in " + text);
        }
        return text;
    }

    private void fill(String name) {
        if (name.startsWith("n:")) {
            String[] range = name.split(":");
            int lo = Integer.parseInt(range[1]);
            int hi = Integer.parseInt(range[2]);
            b.t(Integer.toString(lo + random.nextInt(hi - lo + 1)));
            return;
        }
        switch (name) {
            case "shift" -> b.t(SHIFTS[random.nextInt(SHIFTS.length)]);
            case "time" -> b.t(time());
            case "man" -> b.t(cast.female() ? pick("female", "woman", "lady", "F") : pick("male", "man", "gentleman", "M"));
            case "age" -> age();
            case "aage" -> {
                String age = Integer.toString(cast.age());
                b.t(age.startsWith("8") || age.equals("11") || age.equals("18") ? "an " : "a ");
                age();
            }
            case "pt" -> patient();
            case "ptfam" -> name(PhiType.PATIENT_NAME, cast.family());
            case "rel" -> b.t(nextRelative().relation());
            case "relname" -> relativeName(false);
            case "relfull" -> relativeName(true);
            case "dr" -> doctor(chance(0.25));
            case "mdname" -> doctor(false);
            case "np" -> {
                String[] np = cast.np();
                name(PhiType.CLINICIAN_NAME, chance(0.75) ? np[0] : np[0] + " " + np[1]);
            }
            case "rn" -> name(PhiType.CLINICIAN_NAME, chance(0.5) ? givenName(chance(0.2)) : fullName(chance(0.8)));
            case "sigfull", "swname" -> name(PhiType.CLINICIAN_NAME, fullName(chance(0.8)));
            case "siggiven" -> name(PhiType.CLINICIAN_NAME, givenName(chance(0.2)));
            case "siginit" -> name(PhiType.CLINICIAN_NAME, (char) ('A' + random.nextInt(26)) + ". " + familyName());
            case "role" -> b.t(Numbers.pick(random, ROLE_WORDS));
            case "service" -> b.t(Numbers.pick(random, SERVICE_WORDS));
            case "date" -> date(today.minusDays(random.nextInt(12)), false);
            case "fdate" -> date(today.plusDays(1 + random.nextInt(10)), false);
            case "hdate" -> date(today, true);
            case "year" -> year();
            case "hosp" -> hospital();
            case "acr" -> name(PhiType.HOSPITAL, cast.acronym());
            case "facility" -> facility();
            case "town" -> name(PhiType.CITY, cast.town());
            case "phone" -> phone();
            case "pager" -> b.phi(PhiType.PHONE, Numbers.digits(random, 5));
            case "mrn" -> b.phi(PhiType.MRN, cast.mrn());
            case "pmh" -> pmh();
            case "problem" -> b.m(Numbers.pick(random, ClinicalTerms.PROBLEMS).term(), DISORDER, false);
            case "acute" -> {
                String acute = pick(ACUTE);
                if (acute.equals("{acute}")) {
                    b.m(Numbers.pick(random, ClinicalTerms.ACUTE).term(), DISORDER, false);
                } else {
                    expand(acute);
                }
            }
            case "drug" -> b.m(pick("metoprolol", "furosemide", "amlodipine", "lisinopril", "aspirin",
                    "acetaminophen", "ceftriaxone", "azithromycin", "insulin glargine", "apixaban"), MEDICATION, false);
            case "sym" -> b.m(Numbers.pick(random, ClinicalTerms.SYMPTOMS), SIGN_SYMPTOM, false);
            case "negsym" -> b.m(Numbers.pick(random, ClinicalTerms.SYMPTOMS), SIGN_SYMPTOM, true);
            case "proc" -> b.m(Numbers.pick(random, ClinicalTerms.PAST_PROCEDURES), PROCEDURE, false);
            default -> throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        }
    }

    // ------------------------------------------------------------------------------------------------ PHI

    private Cast cast() {
        boolean female = random.nextBoolean();
        String given = givenName(!female);
        String family = chance(0.15) ? Numbers.pick(random, WORD_FAMILY) : familyName();
        int age = chance(0.15) ? 90 + random.nextInt(12) : 19 + random.nextInt(71);
        List<Relative> relatives = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            relatives.add(relative(female, age, family));
        }
        List<String[]> doctors = new ArrayList<>();
        int doctorCount = 1 + random.nextInt(3);
        for (int i = 0; i < doctorCount; i++) {
            doctors.add(new String[] {givenName(random.nextBoolean()),
                chance(0.2) ? Numbers.pick(random, WORD_FAMILY) : familyName()});
        }
        String[] np = {givenName(chance(0.2)), familyName()};
        return new Cast(female, given, family, age, relatives, doctors, np, town(), hospitalName(), acronym(),
                people.identifier(7 + random.nextInt(2)));
    }

    private Relative relative(boolean patientFemale, int age, String patientFamily) {
        String[][] relations = age < 45
                ? new String[][] {{"wife", "wife", "F"}, {"husband", "husband", "M"}, {"mother", "mother", "F"},
                    {"father", "father", "M"}, {"sister", "sister", "F"}, {"brother", "brother", "M"},
                    {"girlfriend", "girlfriend", "F"}, {"boyfriend", "boyfriend", "M"}}
                : new String[][] {{patientFemale ? "husband" : "wife", patientFemale ? "husband" : "wife",
                    patientFemale ? "M" : "F"}, {"daughter", "dtr", "F"}, {"son", "son", "M"},
                    {"sister", "sister", "F"}, {"brother", "brother", "M"}, {"niece", "niece", "F"},
                    {"nephew", "nephew", "M"}, {"granddaughter", "granddaughter", "F"}, {"grandson", "grandson", "M"},
                    {"daughter", "daughter", "F"}, {"friend", "friend", random.nextBoolean() ? "F" : "M"}};
        String[] relation = relations[random.nextInt(relations.length)];
        boolean male = relation[2].equals("M");
        String given = chance(0.25) ? Numbers.pick(random, male ? WORD_GIVEN_MALE : WORD_GIVEN_FEMALE)
                : givenName(male);
        String family = chance(0.5) ? patientFamily : familyName();
        return new Relative(relation[0], relation[1], given, family);
    }

    private Relative nextRelative() {
        Relative relative = cast.relatives().get(relativeIndex % cast.relatives().size());
        relativeIndex++;
        return chance(0.35) ? new Relative(relative.abbreviation(), relative.abbreviation(), relative.given(),
                relative.family()) : relative;
    }

    private Relative currentRelative() {
        return cast.relatives().get(Math.max(0, relativeIndex - 1) % cast.relatives().size());
    }

    private void relativeName(boolean full) {
        Relative relative = currentRelative();
        name(PhiType.RELATIVE_NAME, full || chance(0.15) ? relative.given() + " " + relative.family()
                : relative.given());
    }

    private void patient() {
        String title = cast.female() ? pick("Mrs.", "Mrs", "Ms.", "Ms", "mrs", "ms") : pick("Mr.", "Mr", "mr", "MR.");
        b.t(title + " ");
        name(PhiType.PATIENT_NAME, chance(0.1) ? cast.given() + " " + cast.family() : cast.family());
    }

    private void doctor(boolean full) {
        String[] doctor = cast.doctors().get(random.nextInt(cast.doctors().size()));
        name(PhiType.CLINICIAN_NAME, full ? doctor[0] + " " + doctor[1] : doctor[1]);
    }

    /** A name as PHI; in some mixed-case notes names are written in lower case ("dr smith aware"). */
    private void name(PhiType type, String value) {
        b.phi(type, lowerNames && type != PhiType.HOSPITAL && chance(0.6) ? value.toLowerCase(Locale.ROOT) : value);
    }

    private void age() {
        int age = cast.age();
        if (age > 89) {
            b.phi(PhiType.AGE, Integer.toString(age));
        } else {
            b.t(Integer.toString(age));
        }
    }

    private void year() {
        int year = today.getYear() - 1 - random.nextInt(40);
        String two = Dates.two(year % 100);
        double roll = random.nextDouble();
        if (roll < 0.45) {
            b.t("'").phi(PhiType.YEAR, two);
        } else if (roll < 0.9) {
            b.t(pick("", "", "in ")).phi(PhiType.YEAR, Integer.toString(year));
        } else {
            b.t("in ").phi(PhiType.YEAR, two);
        }
    }

    /** A date in one of the shorthand forms; {@code header}: the forms seen in note headers. */
    private void date(LocalDate date, boolean header) {
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        String yy = Dates.two(date.getYear() % 100);
        String month = MONTHS.get(m - 1);
        int form = header ? Numbers.pick(random, List.of(0, 0, 2, 3, 8)) : random.nextInt(20);
        String value = switch (form) {
            case 0, 10, 11, 12, 13 -> m + "/" + d;
            case 1, 14 -> m + "-" + d;
            case 2, 15 -> m + "/" + d + "/" + yy;
            case 3 -> Dates.two(m) + "/" + Dates.two(d) + "/" + date.getYear();
            case 4, 16 -> d + "-" + month.substring(0, 3);
            case 5, 17 -> month + " " + ordinal(d);
            case 6, 18 -> ordinal(d);
            case 7 -> month.substring(0, 3) + " " + d;
            case 8 -> m + "/" + d + "/" + date.getYear();
            default -> Dates.two(m) + "/" + Dates.two(d);
        };
        if (form == 6 || form == 18) {
            b.t("the ");
        }
        b.phi(PhiType.DATE, value);
    }

    static String ordinal(int day) {
        String suffix = day % 100 >= 11 && day % 100 <= 13 ? "th"
                : switch (day % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return day + suffix;
    }

    private String time() {
        int hour = random.nextInt(24);
        int minute = random.nextInt(4) * 15;
        return switch (random.nextInt(5)) {
            case 0, 1 -> Dates.two(hour) + Dates.two(minute);
            case 2 -> ((hour + 11) % 12 + 1) + ":" + Dates.two(minute) + (hour < 12 ? "am" : "pm");
            default -> ((hour + 11) % 12 + 1) + (hour < 12 ? "am" : "pm");
        };
    }

    /** The referring hospital: an acronym, "Name hosp[ital]" or "St. Name hospital" (only the name is PHI). */
    private void hospital() {
        String[] hospital = cast.hospital();
        double roll = random.nextDouble();
        if (roll < 0.45) {
            name(PhiType.HOSPITAL, cast.acronym());
            if (chance(0.3)) {
                b.t(pick(" ER", " ED", " ICU"));
            }
        } else {
            name(PhiType.HOSPITAL, hospital[0]);
            b.t(" " + hospital[1]);
        }
    }

    /** Where the patient goes next: "Name rehab", "Name nursing home", "Name House", "rehab at Name". */
    private void facility() {
        String place = chance(0.5) ? familyName() : cityName();
        double roll = random.nextDouble();
        if (roll < 0.15) {
            b.t("rehab at ");
            name(PhiType.HOSPITAL, place);
        } else {
            name(PhiType.HOSPITAL, place);
            b.t(" " + pick("rehab", "rehab", "Rehab", "nursing home", "NH", "House", "manor", "rehab center"));
        }
    }

    private String[] hospitalName() {
        if (chance(0.25)) {
            return new String[] {"St. " + Numbers.pick(random, SAINTS), pick("hospital", "Hospital", "hosp")};
        }
        String name = chance(0.5) ? familyName() : cityName();
        return new String[] {name, pick("hosp", "hosp", "hospital", "Hospital", "Medical Center", "ER")};
    }

    private String acronym() {
        while (true) {
            String base = chance(0.5) ? cityName() : familyName();
            StringBuilder initials = new StringBuilder();
            for (String word : base.split("[ \\-']")) {
                if (!word.isEmpty()) {
                    initials.append(Character.toUpperCase(word.charAt(0)));
                }
            }
            String acronym = initials.substring(0, Math.min(2, initials.length()))
                    + Numbers.pick(random, HOSPITAL_SUFFIXES);
            if (acronym.length() >= 2 && acronym.length() <= 4 && acronym.chars().allMatch(c -> c >= 'A' && c <= 'Z')
                    && !NOT_ACRONYMS.contains(acronym)) {
                return acronym;
            }
        }
    }

    private void phone() {
        People.Phone phone = people.phone();
        b.phi(PhiType.PHONE, switch (random.nextInt(5)) {
            case 0, 1 -> phone.dashed();
            case 2 -> phone.paren();
            case 3 -> phone.area() + " " + phone.exchange() + " " + phone.line();
            default -> phone.exchange() + "-" + phone.line();
        });
    }

    private void pmh() {
        int n = 2 + random.nextInt(4);
        List<String> items = new ArrayList<>(List.of(PMH_ITEMS));
        String separator = pick(", ", "; ", ", ", " ");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.t(separator);
            }
            expand(items.remove(random.nextInt(items.size())));
        }
    }

    private String town() {
        return cityName();
    }

    private String givenName(boolean male) {
        return clean(male ? faker.name().maleFirstName() : faker.name().femaleFirstName());
    }

    private String familyName() {
        return clean(faker.name().lastName());
    }

    private String fullName(boolean female) {
        return givenName(!female) + " " + familyName();
    }

    private String cityName() {
        return clean(faker.address().city());
    }

    /** ASCII letters, blanks, hyphens and apostrophes only, so that upper and lower case keep every length. */
    static String clean(String value) {
        String ascii = People.ascii(value).replaceAll("[^A-Za-z '\\-]", "").trim().replaceAll(" +", " ");
        return ascii.isEmpty() ? "Lee" : ascii;
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** The note in the given case; spans and mentions keep their offsets (ASCII text keeps its length). */
    static SyntheticNote recase(SyntheticNote note, CaseStyle style) {
        if (style == CaseStyle.MIXED) {
            return note;
        }
        String text = style == CaseStyle.UPPER ? note.text().toUpperCase(Locale.ROOT)
                : note.text().toLowerCase(Locale.ROOT);
        if (text.length() != note.text().length()) {
            throw new IllegalStateException("case change altered the length of a note");
        }
        List<PhiSpan> phi = new ArrayList<>();
        for (PhiSpan span : note.phi()) {
            phi.add(new PhiSpan(span.type(), text.substring(span.begin(), span.end()), span.path(), span.begin(),
                    span.end()));
        }
        List<ClinicalMention> clinical = new ArrayList<>();
        for (ClinicalMention m : note.clinical()) {
            clinical.add(new ClinicalMention(text.substring(m.begin(), m.end()), m.begin(), m.end(), m.group(),
                    m.negated(), m.subject()));
        }
        return new SyntheticNote(text, phi, clinical);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }
}
