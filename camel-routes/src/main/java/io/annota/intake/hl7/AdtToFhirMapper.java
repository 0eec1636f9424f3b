package io.annota.intake.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import io.annota.deid.Pseudonymizer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Maps HL7 v2 ADT^A01, A03, A04 and A08 to a FHIR R4 transaction bundle that PUTs one Patient and, if the
 * message has a PV1 segment, one Encounter. The mapping is faithful (names, identifiers, addresses, telecom
 * are copied as sent); de-identification is the FHIR server's job. Field access goes through {@link Terser}
 * positions, so any version parsed by {@link Hl7v2Parser} (2.3 to 2.8) works.
 *
 * <p>Resource ids are keyed pseudonyms ({@link Pseudonymizer#resourceId(String, String)}), so a resend or an
 * A08 update lands on the same resources and no source identifier appears in a URL:
 * <ul>
 *   <li>Patient: {@code resourceId("Patient", authority + "|" + PID-3.1)}, where authority is the assigning
 *       authority of the first PID-3 repetition (CX-4.1, else CX-4.2), else the sending facility (MSH-4.1,
 *       else MSH-4.2), else "".</li>
 *   <li>Encounter: {@code resourceId("Encounter", facility + "|" + PV1-19.1)}, where facility is the assigning
 *       authority of PV1-19 (CX-4), else the sending facility as above; without PV1-19 the key is
 *       {@code sendingFacility + "|" + MSH-10}, so each message makes its own Encounter.</li>
 * </ul>
 *
 * <p>Time stamps without an offset are read in a configurable default zone (UTC unless given). Stateless and
 * thread-safe.
 */
public final class AdtToFhirMapper implements Hl7MessageMapper {

    /** Prefix of the Identifier.system for HL7 v2 identifiers; the assigning authority follows, URL-encoded. */
    public static final String IDENTIFIER_SYSTEM_PREFIX = "urn:annota:hl7v2:id:";
    /** HL7 table 0203 (identifier type), for Identifier.type. */
    public static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";
    /** Code system of Encounter.class. */
    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** Code system of Encounter.class when PV1-2 is empty or has no FHIR equivalent ({@code UNK}). */
    public static final String NULL_FLAVOR_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    /** The ADT trigger events mapped. */
    public static final Set<String> SUPPORTED_TRIGGERS = Set.of("A01", "A03", "A04", "A08");

    private final Pseudonymizer pseudonymizer;
    private final Hl7Timestamps timestamps;

    /** A mapper that reads time stamps without an offset as UTC. */
    public AdtToFhirMapper(Pseudonymizer pseudonymizer) {
        this(pseudonymizer, ZoneOffset.UTC);
    }

    /**
     * @param pseudonymizer makes the resource ids
     * @param defaultZone zone of HL7 time stamps that carry no offset (e.g. the sender's local zone)
     */
    public AdtToFhirMapper(Pseudonymizer pseudonymizer, ZoneId defaultZone) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.timestamps = new Hl7Timestamps(Objects.requireNonNull(defaultZone, "defaultZone"));
    }

    /**
     * Maps one parsed message.
     *
     * @return a bundle of type transaction: {@code PUT Patient/{id}}, then {@code PUT Encounter/{id}} if the
     *         message has a non-empty PV1 segment
     * @throws UnsupportedMessageException if the message is not ADT^A01/A03/A04/A08
     * @throws Hl7MappingException if a required segment or field is missing or a field cannot be read
     */
    @Override
    public Bundle map(Message message) throws Hl7MappingException {
        Objects.requireNonNull(message, "message");
        try {
            return doMap(message);
        } catch (HL7Exception e) {
            // thrown by HAPI for a structural problem while reading; its text may quote data, so drop it
            throw new Hl7MappingException(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0, 0,
                    "message structure could not be read");
        }
    }

    private Bundle doMap(Message message) throws HL7Exception, Hl7MappingException {
        Terser terser = new Terser(message);
        Segment msh = terser.getSegment("/MSH");
        String trigger = checkSupported(message, msh);

        Segment pid = terser.getSegment("/.PID");
        if (pid.isEmpty()) {
            throw new Hl7MappingException(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", 0, 0,
                    "required segment PID is missing");
        }
        String mrn = value(pid, 3, 0, 1, 1);
        if (mrn == null) {
            throw new Hl7MappingException(ErrorCode.REQUIRED_FIELD_MISSING, "PID", 3, 0,
                    "required field PID-3 (patient identifier list) is missing");
        }
        String sendingFacility = hd(msh, 4, 0);
        String patientAuthority = firstNonNull(cxAuthority(pid, 3, 0), sendingFacility, "");
        String patientId = pseudonymizer.resourceId("Patient", patientAuthority + "|" + mrn);

        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        addPut(bundle, "Patient", patientId, patient(pid, patientId, sendingFacility));

        Segment pv1 = terser.getSegment("/.PV1");
        if (!pv1.isEmpty()) {
            String visit = value(pv1, 19, 0, 1, 1);
            String visitAuthority = visit == null ? null : cxAuthority(pv1, 19, 0);
            String facility = firstNonNull(visitAuthority, sendingFacility, "");
            String visitKey = visit != null ? visit : value(msh, 10, 0, 1, 1);
            if (visitKey == null) {
                throw new Hl7MappingException(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10, 0,
                        "MSH-10 (message control id) is required when PV1-19 (visit number) is empty");
            }
            String encounterId = pseudonymizer.resourceId("Encounter", facility + "|" + visitKey);
            addPut(bundle, "Encounter", encounterId, encounter(pv1, trigger, encounterId, patientId, visit, facility));
        }
        return bundle;
    }

    private static String checkSupported(Message message, Segment msh) throws HL7Exception, UnsupportedMessageException {
        String type = value(msh, 9, 0, 1, 1);
        if (!"ADT".equalsIgnoreCase(type)) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, 1,
                    "unsupported message type in MSH-9.1; accepted: ADT");
        }
        String trigger = value(msh, 9, 0, 2, 1);
        trigger = trigger == null ? null : trigger.toUpperCase(Locale.ROOT);
        if (trigger == null || !SUPPORTED_TRIGGERS.contains(trigger)) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_EVENT_CODE, 2,
                    "unsupported trigger event in MSH-9.2; accepted: A01, A03, A04, A08");
        }
        if (message instanceof GenericMessage) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, 3,
                    "message structure in MSH-9.3 is not recognised");
        }
        return trigger;
    }

    private static void addPut(Bundle bundle, String type, String id, Resource resource) {
        resource.setId(id);
        bundle.addEntry()
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(type + "/" + id);
    }

    // ---------------------------------------------------------------------------------------------- Patient

    private Patient patient(Segment pid, String id, String sendingFacility) throws HL7Exception, Hl7MappingException {
        Patient patient = new Patient();
        patient.setId(id);
        for (int rep = 0; rep < reps(pid, 3); rep++) {
            String value = value(pid, 3, rep, 1, 1);
            if (value != null) {
                patient.addIdentifier(identifier(value, firstNonNull(cxAuthority(pid, 3, rep), sendingFacility),
                        value(pid, 3, rep, 5, 1)));
            }
        }
        for (int rep = 0; rep < reps(pid, 5); rep++) {
            HumanName name = name(pid, rep);
            if (name != null) {
                patient.addName(name);
            }
        }
        String birth = value(pid, 7, 0, 1, 1);
        if (birth != null) {
            patient.setBirthDateElement(date(birth, "PID", 7, "date/time of birth"));
        }
        String gender = value(pid, 8, 0, 1, 1);
        if (gender != null) {
            patient.setGender(gender(gender));
        }
        for (int rep = 0; rep < reps(pid, 11); rep++) {
            Address address = address(pid, rep);
            if (address != null) {
                patient.addAddress(address);
            }
        }
        for (int rep = 0; rep < reps(pid, 13); rep++) {
            ContactPoint contact = telecom(pid, 13, rep, ContactPoint.ContactPointUse.HOME);
            if (contact != null) {
                patient.addTelecom(contact);
            }
        }
        for (int rep = 0; rep < reps(pid, 14); rep++) {
            ContactPoint contact = telecom(pid, 14, rep, ContactPoint.ContactPointUse.WORK);
            if (contact != null) {
                patient.addTelecom(contact);
            }
        }
        String death = value(pid, 29, 0, 1, 1);
        String deathIndicator = value(pid, 30, 0, 1, 1);
        if (death != null) {
            patient.setDeceased(dateTime(death, "PID", 29, "patient death date and time"));
        } else if ("Y".equalsIgnoreCase(deathIndicator)) {
            patient.setDeceased(new BooleanType(true));
        } else if ("N".equalsIgnoreCase(deathIndicator)) {
            patient.setDeceased(new BooleanType(false));
        }
        return patient;
    }

    private static Identifier identifier(String value, String authority, String typeCode) {
        Identifier identifier = new Identifier().setValue(value);
        if (authority != null && !authority.isEmpty()) {
            identifier.setSystem(identifierSystem(authority));
        }
        if (typeCode != null) {
            identifier.setType(new CodeableConcept().addCoding(new Coding(IDENTIFIER_TYPE_SYSTEM, typeCode, null)));
        }
        return identifier;
    }

    /** The Identifier.system used for identifiers assigned by {@code authority}. */
    public static String identifierSystem(String authority) {
        return IDENTIFIER_SYSTEM_PREFIX + URLEncoder.encode(authority, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HumanName name(Segment pid, int rep) throws HL7Exception {
        String family = value(pid, 5, rep, 1, 1);
        String given = value(pid, 5, rep, 2, 1);
        String middle = value(pid, 5, rep, 3, 1);
        String suffix = value(pid, 5, rep, 4, 1);
        String prefix = value(pid, 5, rep, 5, 1);
        String degree = value(pid, 5, rep, 6, 1);
        if (family == null && given == null && middle == null && suffix == null && prefix == null && degree == null) {
            return null;
        }
        HumanName name = new HumanName();
        name.setFamily(family);
        if (given != null) {
            name.addGiven(given);
        }
        if (middle != null) {
            name.addGiven(middle);
        }
        if (prefix != null) {
            name.addPrefix(prefix);
        }
        if (suffix != null) {
            name.addSuffix(suffix);
        }
        if (degree != null) {
            name.addSuffix(degree);
        }
        HumanName.NameUse use = nameUse(value(pid, 5, rep, 7, 1));
        if (use != null) {
            name.setUse(use);
        }
        return name;
    }

    private static HumanName.NameUse nameUse(String type) {
        if (type == null) {
            return null;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "L" -> HumanName.NameUse.OFFICIAL;
            case "D" -> HumanName.NameUse.USUAL;
            case "M" -> HumanName.NameUse.MAIDEN;
            case "N" -> HumanName.NameUse.NICKNAME;
            case "S" -> HumanName.NameUse.ANONYMOUS;
            default -> null;
        };
    }

    static AdministrativeGender gender(String code) {
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O", "A" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN; // U, N and codes outside table 0001
        };
    }

    private static Address address(Segment pid, int rep) throws HL7Exception {
        String street = value(pid, 11, rep, 1, 1);
        String other = value(pid, 11, rep, 2, 1);
        String city = value(pid, 11, rep, 3, 1);
        String state = value(pid, 11, rep, 4, 1);
        String zip = value(pid, 11, rep, 5, 1);
        String country = value(pid, 11, rep, 6, 1);
        String type = value(pid, 11, rep, 7, 1);
        String county = value(pid, 11, rep, 9, 1);
        if (street == null && other == null && city == null && state == null && zip == null && country == null
                && county == null) {
            return null;
        }
        Address address = new Address();
        if (street != null) {
            address.addLine(street);
        }
        if (other != null) {
            address.addLine(other);
        }
        address.setCity(city).setState(state).setPostalCode(zip).setCountry(country).setDistrict(county);
        if (type != null) {
            switch (type.toUpperCase(Locale.ROOT)) {
                case "H", "P" -> address.setUse(Address.AddressUse.HOME);
                case "B", "O" -> address.setUse(Address.AddressUse.WORK);
                case "C" -> address.setUse(Address.AddressUse.TEMP);
                case "BA" -> address.setUse(Address.AddressUse.OLD);
                case "M" -> address.setType(Address.AddressType.POSTAL);
                default -> { /* no FHIR equivalent */ }
            }
        }
        return address;
    }

    private static ContactPoint telecom(Segment pid, int field, int rep, ContactPoint.ContactPointUse fieldUse)
            throws HL7Exception {
        String formatted = value(pid, field, rep, 1, 1);
        String useCode = upper(value(pid, field, rep, 2, 1));
        String equipment = upper(value(pid, field, rep, 3, 1));
        String email = value(pid, field, rep, 4, 1);
        String phone = formatted != null ? formatted : phoneFromParts(pid, field, rep);
        boolean isEmail = "NET".equals(useCode) || "INTERNET".equals(equipment) || "X.400".equals(equipment)
                || (phone == null && email != null);
        ContactPoint contact = new ContactPoint();
        if (isEmail) {
            String address = email != null ? email : formatted;
            if (address == null) {
                return null;
            }
            return contact.setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(address).setUse(fieldUse);
        }
        if (phone == null) {
            return null;
        }
        contact.setValue(phone);
        contact.setSystem(switch (equipment == null ? "" : equipment) {
            case "FX" -> ContactPoint.ContactPointSystem.FAX;
            case "BP" -> ContactPoint.ContactPointSystem.PAGER;
            default -> ContactPoint.ContactPointSystem.PHONE;
        });
        if ("CP".equals(equipment)) {
            contact.setUse(ContactPoint.ContactPointUse.MOBILE);
        } else if ("WPN".equals(useCode)) {
            contact.setUse(ContactPoint.ContactPointUse.WORK);
        } else if ("PRN".equals(useCode) || "ORN".equals(useCode) || "VHN".equals(useCode)) {
            contact.setUse(ContactPoint.ContactPointUse.HOME);
        } else {
            contact.setUse(fieldUse);
        }
        return contact;
    }

    /** XTN-5..8 (country, area, local number, extension), else XTN-12 (unformatted number). */
    private static String phoneFromParts(Segment pid, int field, int rep) throws HL7Exception {
        String local = value(pid, field, rep, 7, 1);
        if (local == null) {
            return value(pid, field, rep, 12, 1);
        }
        String country = value(pid, field, rep, 5, 1);
        String area = value(pid, field, rep, 6, 1);
        String extension = value(pid, field, rep, 8, 1);
        StringBuilder phone = new StringBuilder();
        if (country != null) {
            phone.append('+').append(country).append(' ');
        }
        if (area != null) {
            phone.append('(').append(area).append(") ");
        }
        phone.append(local);
        if (extension != null) {
            phone.append(" x").append(extension);
        }
        return phone.toString();
    }

    // -------------------------------------------------------------------------------------------- Encounter

    private Encounter encounter(Segment pv1, String trigger, String id, String patientId, String visit,
            String facility) throws HL7Exception, Hl7MappingException {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        String admit = value(pv1, 44, 0, 1, 1);
        String discharge = value(pv1, 45, 0, 1, 1);
        encounter.setStatus(status(trigger, discharge != null));
        encounter.setClass_(encounterClass(value(pv1, 2, 0, 1, 1)));
        if (visit != null) {
            encounter.addIdentifier(identifier(visit, facility, "VN"));
        }
        encounter.setSubject(new Reference("Patient/" + patientId));
        if (admit != null || discharge != null) {
            Period period = new Period();
            if (admit != null) {
                period.setStartElement(dateTime(admit, "PV1", 44, "admit date/time"));
            }
            if (discharge != null) {
                period.setEndElement(dateTime(discharge, "PV1", 45, "discharge date/time"));
            }
            encounter.setPeriod(period);
        }
        return encounter;
    }

    /** A03 finished; A08 finished when PV1-45 is set, else in-progress; A01 and A04 in-progress. */
    static Encounter.EncounterStatus status(String trigger, boolean discharged) {
        return switch (trigger) {
            case "A03" -> Encounter.EncounterStatus.FINISHED;
            case "A08" -> discharged ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.INPROGRESS;
            default -> Encounter.EncounterStatus.INPROGRESS;
        };
    }

    /** PV1-2 (HL7 table 0004) to v3 ActCode; codes without an equivalent become NullFlavor UNK. */
    static Coding encounterClass(String patientClass) {
        String code = patientClass == null ? "" : patientClass.toUpperCase(Locale.ROOT);
        return switch (code) {
            case "I" -> new Coding(ACT_CODE_SYSTEM, "IMP", "inpatient encounter");
            case "O", "R" -> new Coding(ACT_CODE_SYSTEM, "AMB", "ambulatory");
            case "E" -> new Coding(ACT_CODE_SYSTEM, "EMER", "emergency");
            case "P" -> new Coding(ACT_CODE_SYSTEM, "PRENC", "pre-admission");
            default -> new Coding(NULL_FLAVOR_SYSTEM, "UNK", "unknown");
        };
    }

    // -------------------------------------------------------------------------------------------- helpers

    private org.hl7.fhir.r4.model.DateType date(String value, String segment, int field, String label)
            throws Hl7MappingException {
        try {
            return timestamps.date(value);
        } catch (IllegalArgumentException e) {
            throw invalidDate(segment, field, label);
        }
    }

    private org.hl7.fhir.r4.model.DateTimeType dateTime(String value, String segment, int field, String label)
            throws Hl7MappingException {
        try {
            return timestamps.dateTime(value);
        } catch (IllegalArgumentException e) {
            throw invalidDate(segment, field, label);
        }
    }

    private static Hl7MappingException invalidDate(String segment, int field, String label) {
        return new Hl7MappingException(ErrorCode.DATA_TYPE_ERROR, segment, field, 0,
                segment + "-" + field + " (" + label + ") is not a valid HL7 date/time");
    }

    /** Assigning authority of a CX field repetition: CX-4.1 (namespace id), else CX-4.2 (universal id). */
    private static String cxAuthority(Segment segment, int field, int rep) throws HL7Exception {
        return firstNonNull(value(segment, field, rep, 4, 1), value(segment, field, rep, 4, 2));
    }

    /** An HD field: HD-1 (namespace id), else HD-2 (universal id). */
    private static String hd(Segment segment, int field, int rep) throws HL7Exception {
        return firstNonNull(value(segment, field, rep, 1, 1), value(segment, field, rep, 2, 1));
    }

    /** Trimmed value; {@code null} for empty and for the HL7 null value {@code ""}. */
    private static String value(Segment segment, int field, int rep, int component, int subcomponent)
            throws HL7Exception {
        String value = Terser.get(segment, field, rep, component, subcomponent);
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() || "\"\"".equals(value) ? null : value;
    }

    private static int reps(Segment segment, int field) throws HL7Exception {
        return segment.getField(field).length;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
