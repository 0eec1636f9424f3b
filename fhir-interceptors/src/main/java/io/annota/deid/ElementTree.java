package io.annota.deid;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Every populated element of a resource, found through HAPI's model definitions, with its parent, the child
 * definition that holds it and the resource that owns it. Descends into contained resources, resources
 * embedded as values (Bundle.entry.resource, Parameters) and in-memory resources linked from a Reference
 * (HAPI's encoder would contain those when the resource is stored).
 */
final class ElementTree {

    /** One element; {@code parent} and {@code child} are null for the root and for linked resources. */
    record Node(IBase element, IBase parent, BaseRuntimeChildDefinition child, IBaseResource owner) {
    }

    private final FhirContext context;

    ElementTree(FhirContext context) {
        this.context = context;
    }

    /** The root first, then every element in document order. */
    List<Node> walk(IBaseResource root) {
        List<Node> out = new ArrayList<>();
        Set<IBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(root);
        out.add(new Node(root, null, null, root));
        walk(root, context.getResourceDefinition(root), root, out, seen);
        return out;
    }

    private void walk(IBase element, BaseRuntimeElementDefinition<?> definition, IBaseResource owner, List<Node> out,
            Set<IBase> seen) {
        List<BaseRuntimeChildDefinition> children = definition instanceof BaseRuntimeElementCompositeDefinition<?> composite
                ? composite.getChildrenAndExtension()
                : definition.getChildren();
        if (children == null) {
            return;
        }
        for (BaseRuntimeChildDefinition child : children) {
            List<? extends IBase> values = child.getAccessor().getValues(element);
            if (values == null || values.isEmpty()) {
                continue;
            }
            for (IBase value : new ArrayList<>(values)) {
                if (value == null || !seen.add(value)) {
                    continue;
                }
                if (value instanceof IBaseReference reference && reference.getResource() != null) {
                    IBaseResource linked = reference.getResource();
                    if (seen.add(linked)) {
                        out.add(new Node(linked, null, null, linked));
                        walk(linked, context.getResourceDefinition(linked), linked, out, seen);
                    }
                }
                if (value.isEmpty()) {
                    continue;
                }
                if (value instanceof IBaseResource resource) {
                    out.add(new Node(resource, element, child, resource));
                    walk(resource, context.getResourceDefinition(resource), resource, out, seen);
                } else {
                    out.add(new Node(value, element, child, owner));
                    walk(value, definitionOf(child, value), owner, out, seen);
                }
            }
        }
    }

    private BaseRuntimeElementDefinition<?> definitionOf(BaseRuntimeChildDefinition child, IBase value) {
        Class<?> type = value.getClass();
        while (type != null && IBase.class.isAssignableFrom(type)) {
            @SuppressWarnings("unchecked")
            BaseRuntimeElementDefinition<?> def = child.getChildElementDefinitionByDatatype((Class<? extends IBase>) type);
            if (def != null) {
                return def;
            }
            type = type.getSuperclass();
        }
        return context.getElementDefinition(value.getClass());
    }

    /** Removes the node's element from its parent (list entry or single value). */
    static void remove(Node node) {
        if (node.parent() == null || node.child() == null) {
            throw new IllegalStateException("element has no parent to be removed from");
        }
        List<? extends IBase> values = node.child().getAccessor().getValues(node.parent());
        int index = -1;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == node.element()) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return; // already gone
        }
        if (node.child().getMax() == 1) {
            node.child().getMutator().setValue(node.parent(), null);
        } else {
            node.child().getMutator().remove(node.parent(), index);
        }
    }
}
