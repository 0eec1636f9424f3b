package io.annota.deid;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * One element; {@code parent} and {@code child} are null for the root and for linked resources. {@code path}
     * locates it by element names and list positions (e.g. {@code Patient.name[0].given[1]}), for comparing two
     * versions of a resource.
     */
    record Node(IBase element, IBase parent, BaseRuntimeChildDefinition child, IBaseResource owner, String path) {
    }

    private final FhirContext context;
    private final Map<Class<?>, String> typeNames = new ConcurrentHashMap<>();

    ElementTree(FhirContext context) {
        this.context = context;
    }

    /** The root first, then every element in document order. */
    List<Node> walk(IBaseResource root) {
        List<Node> out = new ArrayList<>();
        Set<IBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(root);
        String rootPath = context.getResourceType(root);
        out.add(new Node(root, null, null, root, rootPath));
        walk(root, context.getResourceDefinition(root), root, rootPath, out, seen);
        return out;
    }

    private void walk(IBase element, BaseRuntimeElementDefinition<?> definition, IBaseResource owner, String path,
            List<Node> out, Set<IBase> seen) {
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
            int index = -1;
            for (IBase value : new ArrayList<>(values)) {
                index++;
                if (value == null || !seen.add(value)) {
                    continue;
                }
                String childPath = path + "." + child.getElementName() + "[" + index + "]";
                if (value instanceof IBaseReference reference && reference.getResource() != null) {
                    IBaseResource linked = reference.getResource();
                    if (seen.add(linked)) {
                        String linkedPath = childPath + ".resource";
                        out.add(new Node(linked, null, null, linked, linkedPath));
                        walk(linked, context.getResourceDefinition(linked), linked, linkedPath, out, seen);
                    }
                }
                if (value.isEmpty()) {
                    continue;
                }
                if (value instanceof IBaseResource resource) {
                    out.add(new Node(resource, element, child, resource, childPath));
                    walk(resource, context.getResourceDefinition(resource), resource, childPath, out, seen);
                } else {
                    out.add(new Node(value, element, child, owner, childPath));
                    walk(value, definitionOf(child, value), owner, childPath, out, seen);
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

    /** The FHIR type name of the node's element: a resource type, or a data type such as HumanName or dateTime. */
    String typeName(Node node) {
        IBase element = node.element();
        if (element instanceof IBaseResource resource) {
            return context.getResourceType(resource);
        }
        return typeNames.computeIfAbsent(element.getClass(), type -> {
            BaseRuntimeElementDefinition<?> definition = context.getElementDefinition(type.asSubclass(IBase.class));
            return definition == null ? type.getSimpleName() : definition.getName();
        });
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
