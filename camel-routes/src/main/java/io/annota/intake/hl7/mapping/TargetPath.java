package io.annota.intake.hl7.mapping;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition.ChildTypeEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * A FHIR element path relative to a resource or data type, as mapping files write it: {@code identifier},
 * {@code type.coding.code}, {@code valueQuantity.unit} (choice elements by their typed name), {@code link[+].other}.
 * Checked against HAPI's R4 definitions when the mappings load.
 *
 * <p>Writing: every step but the last goes to the last existing element, or creates one; {@code [+]} always
 * appends a new one (as in FHIR Shorthand). The last step appends to a list, and sets a single element only if
 * it is still empty, so the first rule that produces a value wins and later rules are fall-backs.
 */
final class TargetPath {

    private static final Pattern STEP = Pattern.compile("[a-z][A-Za-z0-9]*(\\[\\+])?");

    private record Step(String name, BaseRuntimeChildDefinition child, BaseRuntimeElementDefinition<?> element,
            boolean append) {
    }

    private final String text;
    private final List<Step> steps;

    private TargetPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** Compiles {@code text} relative to {@code root}; {@link IllegalArgumentException} with a reason otherwise. */
    static TargetPath compile(BaseRuntimeElementCompositeDefinition<?> root, String text) {
        List<Step> steps = new ArrayList<>();
        BaseRuntimeElementDefinition<?> current = root;
        for (String part : text.trim().split("\\.", -1)) {
            if (!STEP.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not an element path (names separated by dots,"
                        + " choice elements by their typed name such as valueQuantity, [+] to append)");
            }
            boolean append = part.endsWith("[+]");
            String name = append ? part.substring(0, part.length() - 3) : part;
            if (!(current instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                throw new IllegalArgumentException("'" + text + "': " + current.getName() + " has no elements");
            }
            BaseRuntimeChildDefinition child = composite.getChildByName(name);
            BaseRuntimeChildDefinition choice = composite.getChildByName(name + "[x]");
            if (child == null && choice != null) {
                throw new IllegalArgumentException("'" + text + "': choice element '" + name
                        + "' needs its typed name (one of " + new java.util.TreeSet<>(choice.getValidChildNames()) + ")");
            }
            if (child == null) {
                throw new IllegalArgumentException("'" + text + "': " + typeName(composite) + " has no element '"
                        + name + "'");
            }
            BaseRuntimeElementDefinition<?> element = child.getChildByName(name);
            steps.add(new Step(name, child, element, append));
            current = element;
        }
        return new TargetPath(text.trim(), List.copyOf(steps));
    }

    private static String typeName(BaseRuntimeElementDefinition<?> definition) {
        return definition.getName();
    }

    /** The definition of the element the path ends at. */
    BaseRuntimeElementDefinition<?> leaf() {
        return last().element();
    }

    /** FHIR type name of the last element: {@code dateTime}, {@code Identifier}, {@code Reference}... */
    String leafType() {
        return leaf().getName();
    }

    boolean leafIsPrimitive() {
        ChildTypeEnum kind = leaf().getChildType();
        return kind == ChildTypeEnum.PRIMITIVE_DATATYPE || kind == ChildTypeEnum.ID_DATATYPE;
    }

    /** Whether the last element repeats. */
    boolean leafRepeats() {
        return last().child().getMax() != 1;
    }

    /** A new, empty element of the last step's type (a bound code knows its value set). */
    IBase newLeaf() {
        Step last = last();
        return last.element().newInstance(last.child().getInstanceConstructorArguments());
    }

    /**
     * A new primitive of the last step's type holding {@code value} (FHIR string form).
     *
     * @throws IllegalArgumentException if the value is not valid for the type (e.g. a code outside its value set)
     */
    IBase newPrimitive(String value) {
        IBase leaf = newLeaf();
        ((IPrimitiveType<?>) leaf).setValueAsString(value);
        return leaf;
    }

    /**
     * Puts {@code value} at the path below {@code root}: appended if the last element repeats, else set if still
     * empty. Returns whether it was put.
     */
    boolean put(IBase root, IBase value) {
        IBase parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = stepInto(parent, steps.get(i));
        }
        Step last = last();
        if (!last.append() && last.child().getMax() == 1) {
            List<? extends IBase> existing = last.child().getAccessor().getValues(parent);
            if (!existing.isEmpty() && !existing.get(0).isEmpty()) {
                return false;
            }
            last.child().getMutator().setValue(parent, value);
        } else {
            last.child().getMutator().addValue(parent, value);
        }
        return true;
    }

    /** Whether a value would still be put at this path (a repeating element, or a single one still empty). */
    boolean accepts(IBase root) {
        return last().append() || leafRepeats() || read(root) == null;
    }

    /** The string form of the primitive at the path (the last one if it repeats), or null; creates nothing. */
    String read(IBase root) {
        IBase current = root;
        for (Step step : steps) {
            List<? extends IBase> values = step.child().getAccessor().getValues(current);
            if (values.isEmpty()) {
                return null;
            }
            current = values.get(values.size() - 1);
        }
        if (current instanceof IPrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        return current.isEmpty() ? null : current.toString();
    }

    private static IBase stepInto(IBase parent, Step step) {
        List<? extends IBase> values = step.child().getAccessor().getValues(parent);
        IBase last = values.isEmpty() ? null : values.get(values.size() - 1);
        // a choice element holding another type (valueString when valueQuantity is wanted) is not reused
        boolean reusable = last != null && step.element().getImplementingClass().isInstance(last);
        if (!step.append() && reusable) {
            return last;
        }
        IBase created = step.element().newInstance(step.child().getInstanceConstructorArguments());
        if (step.child().getMax() == 1) {
            step.child().getMutator().setValue(parent, created);
        } else {
            step.child().getMutator().addValue(parent, created);
        }
        return created;
    }

    private Step last() {
        return steps.get(steps.size() - 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
