package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.util.HapiExtensions;
import io.annota.deid.DeidentificationException.Reason;
import io.annota.deid.ElementTree.Node;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Structured de-identification of FHIR R4 resources, generic across resource types: the rules apply to
 * every HumanName, ContactPoint, Address, Identifier, Attachment, Reference and Annotation wherever it occurs,
 * contained and embedded resources included. Modifies the resource in place. Thread-safe.
 *
 * <p>If {@link #deidentify} throws, the resource may be partly modified and must not be stored.
 */
public final class ResourceDeidentifier {

    public static final String SECURITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    public static final String PSEUDED = "PSEUDED";
    public static final String REDACTED = "REDACTED";
    /** The pseudonymisation domain of identifiers without a system. */
    public static final String NO_SYSTEM = "urn:annota:no-system";

    /** References to these types may carry a person's name as display: it is removed. */
    private static final Set<String> PERSON_TYPES = Set.of("Patient", "RelatedPerson", "Practitioner",
            "PractitionerRole", "Person", "Group");
    /** Three-digit ZIP areas with 20,000 people or fewer (HHS Safe Harbor guidance): reported as 000. */
    private static final Set<String> SPARSE_ZIP3 = Set.of("036", "059", "063", "102", "203", "556", "692", "790",
            "821", "823", "830", "831", "878", "879", "884", "890", "893");
    /** Safe Harbor: ages over 89 must not be derivable, so such birth dates are removed entirely. */
    private static final int OLDEST_AGE_KEPT = 89;

    /** HAPI's extension pointing at attachment data moved to its binary storage. */
    public static final String EXTERNALIZED_BINARY_ID = HapiExtensions.EXT_EXTERNALIZED_BINARY_ID;

    /** What a call changed; counts only, never values. */
    public record Outcome(boolean changed, int pseudonymised, int removed, int scrubbed) {
    }

    private final FhirContext context;
    private final Pseudonymizer pseudonymizer;
    private final Fingerprinter fingerprinter;
    private final TextScrubber scrubber;
    private final ElementTree tree;
    private final Set<String> keptPatientExtensionUrls;

    public ResourceDeidentifier(FhirContext context, DeidentificationSettings settings) {
        this.context = Objects.requireNonNull(context, "context");
        if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("a FHIR R4 context is required");
        }
        this.pseudonymizer = new Pseudonymizer(settings.key());
        this.fingerprinter = new Fingerprinter(pseudonymizer);
        this.scrubber = new TextScrubber(fingerprinter);
        this.tree = new ElementTree(context);
        this.keptPatientExtensionUrls = Set.of();
    }

    public Pseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    public TextScrubber textScrubber() {
        return scrubber;
    }

    /**
     * Keyed fingerprints of every identifying value in the resource (names, identifiers, phone numbers,
     * addresses; for a Patient also birth and death date, and its contacts' values). Call before
     * {@link #deidentify}, which removes the values.
     */
    public Set<String> fingerprints(IBaseResource resource) {
        requireR4(resource);
        Set<String> out = new HashSet<>();
        for (Node node : tree.walk(resource)) {
            Object element = node.element();
            if (element instanceof HumanName name) {
                fingerprinter.addName(name, out);
            } else if (element instanceof Identifier identifier) {
                fingerprinter.addIdentifier(identifier, out);
            } else if (element instanceof ContactPoint contactPoint) {
                fingerprinter.addContactPoint(contactPoint, out);
            } else if (element instanceof Address address) {
                fingerprinter.addAddress(address, out);
            } else if (element instanceof Patient patient) {
                if (patient.hasBirthDateElement()) {
                    fingerprinter.addDate(patient.getBirthDateElement(), out);
                }
                if (patient.hasDeceasedDateTimeType()) {
                    fingerprinter.addDate(patient.getDeceasedDateTimeType(), out);
                }
            }
        }
        return out;
    }

    /** Logical ids of the Patients the resource references (subject, patient, author...), in order. */
    public Set<String> referencedPatientIds(IBaseResource resource) {
        requireR4(resource);
        Set<String> ids = new LinkedHashSet<>();
        for (Node node : tree.walk(resource)) {
            if (node.element() instanceof Reference reference && reference.hasReference()) {
                IIdType id = reference.getReferenceElement();
                if (!id.isLocal() && "Patient".equals(id.getResourceType()) && id.hasIdPart()) {
                    ids.add(id.getIdPart());
                }
            }
        }
        return ids;
    }

    /**
     * Refuses attachment data held in HAPI's binary storage (an {@value #EXTERNALIZED_BINARY_ID} extension)
     * unless the previous version of the resource already referenced the same blob: such data was not in
     * the resource when it passed de-identification (HAPI's {@code $binary-access-write} stores large data
     * before the update), so it cannot have been scrubbed.
     *
     * @param previous the stored version being replaced, or null for a create
     * @throws DeidentificationException if a blob is referenced that the previous version did not reference
     */
    public void checkExternalizedData(IBaseResource resource, IBaseResource previous) {
        Set<String> referenced = externalizedBinaryIds(resource);
        if (referenced.isEmpty()) {
            return;
        }
        if (previous != null) {
            referenced.removeAll(externalizedBinaryIds(previous));
        }
        if (!referenced.isEmpty()) {
            throw new DeidentificationException(Reason.EXTERNALIZED_DATA);
        }
    }

    private Set<String> externalizedBinaryIds(IBaseResource resource) {
        requireR4(resource);
        Set<String> ids = new HashSet<>();
        for (Node node : tree.walk(resource)) {
            if (node.element() instanceof Extension extension && EXTERNALIZED_BINARY_ID.equals(extension.getUrl())) {
                ids.add(extension.hasValue() ? String.valueOf(extension.getValue().primitiveValue()) : "");
            }
        }
        return ids;
    }

    /**
     * De-identifies {@code resource} in place. Free text is scrubbed with {@code knownFingerprints} (the
     * referenced patients' fingerprints) plus the fingerprints of the values found in the resource itself.
     *
     * @throws DeidentificationException if the resource holds content that cannot be de-identified
     */
    public Outcome deidentify(IBaseResource resource, Set<String> knownFingerprints) {
        requireR4(resource);
        Set<String> scrubWith = new HashSet<>(knownFingerprints == null ? Set.of() : knownFingerprints);
        scrubWith.addAll(fingerprints(resource));
        // a client-assigned id is in every URL of the resource and cannot be changed here: refuse identifying ones
        if (scrubber.containsKnownValue(resource.getIdElement().getIdPart(), scrubWith)) {
            throw new DeidentificationException(Reason.IDENTIFYING_ID);
        }
        Work work = new Work(scrubWith);

        for (Node node : tree.walk(resource)) {
            if (node.element() instanceof IBaseResource embedded) {
                applyResourceRules(embedded, work);
            }
        }
        for (Node node : tree.walk(resource)) {
            Object element = node.element();
            if (element instanceof Attachment attachment) {
                deidentifyAttachment(attachment, node.owner(), work);
            } else if (element instanceof Identifier identifier) {
                pseudonymise(identifier, node.owner(), work);
            } else if (element instanceof HumanName || element instanceof ContactPoint) {
                ElementTree.remove(node);
                work.removed(node.owner());
            } else if (element instanceof Address address) {
                reduce(address, node.owner(), work);
            } else if (element instanceof Reference reference) {
                deidentifyDisplay(reference, node.owner(), work);
            } else if (element instanceof Annotation annotation) {
                deidentifyAnnotation(annotation, node.owner(), work);
            }
        }
        work.label(resource);
        return new Outcome(work.anyChange(), work.pseudonymised, work.removed, work.scrubbed);
    }

    private void requireR4(IBaseResource resource) {
        Objects.requireNonNull(resource, "resource");
        if (!(resource instanceof Resource)) {
            throw new DeidentificationException(Reason.UNSUPPORTED_MODEL);
        }
    }

    private void applyResourceRules(IBaseResource resource, Work work) {
        if (resource instanceof DomainResource domain && domain.hasText()) {
            domain.setText(null);
            work.removed(resource);
        }
        if (resource instanceof Patient patient) {
            deidentifyPatient(patient, work);
        } else if (resource instanceof DocumentReference document && document.hasDescriptionElement()) {
            document.setDescriptionElement(scrub(document.getDescriptionElement(), resource, work));
        } else if (resource instanceof DiagnosticReport report && report.hasConclusionElement()) {
            report.setConclusionElement(scrub(report.getConclusionElement(), resource, work));
        } else if (resource instanceof Binary binary && binary.hasData()) {
            byte[] scrubbed = scrubTextData(binary.getContentType(), binary.getData(), work);
            if (scrubbed != null) {
                binary.setData(scrubbed);
                work.scrubbed(resource);
            }
        }
    }

    private void deidentifyPatient(Patient patient, Work work) {
        if (patient.hasExtension()) {
            List<Extension> kept = new ArrayList<>();
            for (Extension extension : patient.getExtension()) {
                if (extension.getUrl() != null && keptPatientExtensionUrls.contains(extension.getUrl())) {
                    kept.add(extension);
                }
            }
            if (kept.size() < patient.getExtension().size()) {
                patient.setExtension(kept);
                work.removed(patient);
            }
        }
        if (patient.hasModifierExtension()) {
            patient.setModifierExtension(null);
            work.removed(patient);
        }
        if (patient.hasPhoto()) {
            patient.setPhoto(null);
            work.removed(patient);
        }
        if (patient.hasContact()) {
            patient.setContact(null);
            work.removed(patient);
        }
        if (patient.hasBirthDateElement()) {
            DateType year = toYear(patient.getBirthDateElement(), true, DateType::new);
            if (!sameYear(patient.getBirthDateElement(), year)) {
                patient.setBirthDateElement(year);
                work.removed(patient);
            }
        }
        if (patient.hasDeceasedDateTimeType()) {
            DateTimeType year = toYear(patient.getDeceasedDateTimeType(), false, DateTimeType::new);
            if (!sameYear(patient.getDeceasedDateTimeType(), year)) {
                patient.setDeceased(year);
                work.removed(patient);
            }
        }
    }

    /** True if {@code date} already is exactly {@code year} (no month, day or extensions). */
    private static boolean sameYear(BaseDateTimeType date, BaseDateTimeType year) {
        return year != null && !date.hasExtension() && year.getValueAsString().equals(date.getValueAsString());
    }

    /** The year alone (no month, day, time or extensions), or null if unknown or if it reveals an age over 89. */
    private static <T extends BaseDateTimeType> T toYear(BaseDateTimeType date, boolean isBirth,
            java.util.function.Function<String, T> factory) {
        String value = date.getValueAsString();
        if (value == null || value.length() < 4 || date.getPrecision() == null) {
            return null;
        }
        String year = value.substring(0, 4);
        if (isBirth && Year.now(ZoneOffset.UTC).getValue() - Integer.parseInt(year) > OLDEST_AGE_KEPT) {
            return null;
        }
        T reduced = factory.apply(year);
        reduced.setPrecision(TemporalPrecisionEnum.YEAR);
        return reduced;
    }

    private void pseudonymise(Identifier identifier, IBaseResource owner, Work work) {
        if (identifier.hasValue() && Pseudonymizer.isPseudonym(identifier.getValue())) {
            // Already a pseudonym: a transaction re-saving an entry, or an update of a stored resource.
            work.pseudonymised(owner);
        } else if (identifier.hasValue()) {
            String domain = identifier.hasSystem() ? identifier.getSystem() : NO_SYSTEM;
            identifier.setValueElement(new StringType(pseudonymizer.pseudonym(domain, identifier.getValue())));
            work.pseudonymised(owner);
        } else if (identifier.hasValueElement()) {
            identifier.setValueElement(null); // extensions on an empty value
            work.removed(owner);
        }
        if (identifier.hasAssigner() && identifier.getAssigner().hasDisplayElement()) {
            identifier.getAssigner().setDisplayElement(null);
            work.removed(owner);
        }
    }

    private void reduce(Address address, IBaseResource owner, Work work) {
        boolean removed = address.hasLine() || address.hasText() || address.hasCity() || address.hasDistrict()
                || address.hasExtension();
        address.setLine(null);
        address.setTextElement(null);
        address.setCityElement(null);
        address.setDistrictElement(null);
        address.setExtension(null);
        if (address.hasPostalCodeElement()) {
            String postalCode = address.getPostalCode() == null ? "" : address.getPostalCode().trim();
            String zip3 = postalCode.length() >= 3 && TextForms.isDigits(postalCode.substring(0, 3))
                    ? postalCode.substring(0, 3)
                    : null;
            if (zip3 != null && SPARSE_ZIP3.contains(zip3)) {
                zip3 = "000";
            }
            if (!Objects.equals(zip3, postalCode) || address.getPostalCodeElement().hasExtension()) {
                address.setPostalCodeElement(zip3 == null ? null : new StringType(zip3));
                removed = true;
            }
        }
        if (removed) {
            work.removed(owner);
        }
    }

    private void deidentifyDisplay(Reference reference, IBaseResource owner, Work work) {
        if (!reference.hasDisplayElement()) {
            return;
        }
        String type = referencedType(reference);
        if (type == null || PERSON_TYPES.contains(type)) {
            reference.setDisplayElement(null);
            work.removed(owner);
        } else {
            reference.setDisplayElement(scrub(reference.getDisplayElement(), owner, work));
        }
    }

    private String referencedType(Reference reference) {
        if (reference.getResource() != null) {
            return context.getResourceType(reference.getResource());
        }
        if (reference.hasReference() && !reference.getReferenceElement().isLocal()
                && reference.getReferenceElement().hasResourceType()) {
            return reference.getReferenceElement().getResourceType();
        }
        if (reference.hasType()) {
            String type = reference.getType();
            return type.substring(type.lastIndexOf('/') + 1);
        }
        return null;
    }

    private void deidentifyAnnotation(Annotation annotation, IBaseResource owner, Work work) {
        if (annotation.hasAuthorStringType()) {
            annotation.setAuthor(null);
            work.removed(owner);
        }
        if (annotation.hasTextElement()) {
            String text = annotation.getText();
            String scrubbed = scrubber.scrub(text, work.fingerprints);
            if (!Objects.equals(text, scrubbed) || annotation.getTextElement().hasExtension()) {
                annotation.setTextElement(scrubbed == null ? null : new MarkdownType(scrubbed));
                work.scrubbed(owner);
            }
        }
    }

    private void deidentifyAttachment(Attachment attachment, IBaseResource owner, Work work) {
        if (attachment.hasData()) {
            byte[] scrubbed = scrubTextData(attachment.getContentType(), attachment.getData(), work);
            if (scrubbed != null) {
                attachment.setData(scrubbed);
                if (attachment.hasSize()) {
                    attachment.setSize(scrubbed.length);
                }
                if (attachment.hasHash()) {
                    attachment.setHash(sha1(scrubbed));
                }
                work.scrubbed(owner);
            }
        } else if ((attachment.hasHash() || attachment.hasSize()) && !attachment.hasExtension(EXTERNALIZED_BINARY_ID)) {
            // size and hash describe content elsewhere (which may hold PHI): a hash could confirm a guess.
            // Externalized data (checked by checkExternalizedData) was scrubbed before HAPI moved it.
            attachment.setHashElement(null);
            attachment.setSizeElement(null);
            work.removed(owner);
        }
        if (attachment.hasUrl()) {
            attachment.setUrlElement(null);
            work.removed(owner);
        }
        if (attachment.hasTitleElement()) {
            attachment.setTitleElement(scrub(attachment.getTitleElement(), owner, work));
        }
    }

    /**
     * The scrubbed bytes of text data, or null if scrubbing changed nothing.
     *
     * @throws DeidentificationException for data that is not text in a known character set
     */
    private byte[] scrubTextData(String contentType, byte[] data, Work work) {
        if (contentType == null || contentType.isBlank()) {
            throw new DeidentificationException(Reason.MISSING_CONTENT_TYPE);
        }
        String[] parts = contentType.split(";");
        String mimeType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mimeType.startsWith("text/")) {
            throw new DeidentificationException(Reason.NON_TEXT_ATTACHMENT);
        }
        Charset charset = charsetOf(parts);
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DeidentificationException(Reason.MALFORMED_TEXT);
        }
        String scrubbed = scrubber.scrub(text, work.fingerprints);
        if (scrubbed.equals(text)) {
            return null;
        }
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(scrubbed));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            throw new DeidentificationException(Reason.UNSUPPORTED_CHARSET);
        }
    }

    private static Charset charsetOf(String[] contentTypeParts) {
        for (int i = 1; i < contentTypeParts.length; i++) {
            String parameter = contentTypeParts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(eq + 1).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new DeidentificationException(Reason.UNSUPPORTED_CHARSET);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }

    private StringType scrub(StringType text, IBaseResource owner, Work work) {
        String scrubbed = scrubber.scrub(text.getValue(), work.fingerprints);
        if (Objects.equals(scrubbed, text.getValue()) && !text.hasExtension()) {
            return text;
        }
        work.scrubbed(owner);
        return scrubbed == null ? null : new StringType(scrubbed);
    }

    /** Per-call bookkeeping: which resources changed how, and counts. */
    private static final class Work {
        private final Set<String> fingerprints;
        private final Map<IBaseResource, Boolean> changed = new IdentityHashMap<>(); // value: something removed
        private int pseudonymised;
        private int removed;
        private int scrubbed;

        Work(Set<String> fingerprints) {
            this.fingerprints = fingerprints;
        }

        void pseudonymised(IBaseResource owner) {
            pseudonymised++;
            changed.merge(owner, false, Boolean::logicalOr);
        }

        void removed(IBaseResource owner) {
            removed++;
            changed.put(owner, true);
        }

        void scrubbed(IBaseResource owner) {
            scrubbed++;
            changed.put(owner, true);
        }

        boolean anyChange() {
            return !changed.isEmpty();
        }

        /** PSEUDED on every changed resource (and on the root if anything inside it changed), REDACTED where something was removed. */
        void label(IBaseResource root) {
            if (changed.isEmpty()) {
                return;
            }
            boolean anyRemoved = changed.containsValue(true);
            changed.merge(root, anyRemoved, Boolean::logicalOr);
            for (Map.Entry<IBaseResource, Boolean> entry : changed.entrySet()) {
                Resource resource = (Resource) entry.getKey();
                addLabel(resource, PSEUDED, "pseudonymized");
                if (entry.getValue()) {
                    addLabel(resource, REDACTED, "redacted");
                }
            }
        }

        private static void addLabel(Resource resource, String code, String display) {
            for (Coding existing : resource.getMeta().getSecurity()) {
                if (SECURITY_SYSTEM.equals(existing.getSystem()) && code.equals(existing.getCode())) {
                    return;
                }
            }
            resource.getMeta().addSecurity(new Coding(SECURITY_SYSTEM, code, display));
        }
    }
}
