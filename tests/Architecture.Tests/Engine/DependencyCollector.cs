using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CleanPrepay.Architecture.Tests.Engine;

/// <summary>
/// Lists every type one compiled type mentions, and where: custom attributes (and their arguments),
/// base type, interfaces, generic parameters and their constraints, fields, properties, events,
/// method signatures, overrides, locals, catch clauses and the operands of every IL instruction.
/// Constructed types are taken apart: <c>Task&lt;List&lt;DbSet&lt;X&gt;&gt;&gt;[]</c> yields Task, List,
/// DbSet and X. Nested types are not visited here; callers visit them as types of their own.
/// </summary>
public static class DependencyCollector
{
    public static IReadOnlyList<(TypeReference Type, string Via)> Collect(TypeDefinition type)
    {
        var found = new List<(TypeReference, string)>();
        var sink = new Sink(found);

        sink.Attributes(type, "attribute on the type");
        sink.Type(type.BaseType, "base type");
        foreach (var implementation in type.Interfaces)
        {
            sink.Type(implementation.InterfaceType, "interface");
            sink.Attributes(implementation, "attribute on an interface implementation");
        }

        sink.GenericParameters(type.GenericParameters, "generic parameter of the type");

        foreach (var field in type.Fields)
        {
            sink.Type(field.FieldType, $"field {field.Name}");
            sink.Attributes(field, $"attribute on field {field.Name}");
        }

        foreach (var property in type.Properties)
        {
            sink.Type(property.PropertyType, $"property {property.Name}");
            foreach (var parameter in property.Parameters)
            {
                sink.Type(parameter.ParameterType, $"indexer parameter of property {property.Name}");
            }

            sink.Attributes(property, $"attribute on property {property.Name}");
        }

        foreach (var @event in type.Events)
        {
            sink.Type(@event.EventType, $"event {@event.Name}");
            sink.Attributes(@event, $"attribute on event {@event.Name}");
        }

        foreach (var method in type.Methods)
        {
            sink.Method(method);
        }

        return found;
    }

    /// <summary>The types that the assembly's and module's own custom attributes mention.</summary>
    public static IReadOnlyList<(TypeReference Type, string Via)> CollectAssemblyAttributes(ModuleDefinition module)
    {
        var found = new List<(TypeReference, string)>();
        var sink = new Sink(found);
        if (module.Assembly is not null)
        {
            sink.Attributes(module.Assembly, "assembly attribute");
        }

        sink.Attributes(module, "module attribute");
        return found;
    }

    private sealed class Sink(List<(TypeReference, string)> found)
    {
        public void Method(MethodDefinition method)
        {
            var where = $"method {method.Name}";
            Attributes(method, $"attribute on {where}");
            Type(method.ReturnType, $"return type of {where}");
            Attributes(method.MethodReturnType, $"attribute on the return of {where}");
            foreach (var parameter in method.Parameters)
            {
                Type(parameter.ParameterType, $"parameter {parameter.Name} of {where}");
                Attributes(parameter, $"attribute on parameter {parameter.Name} of {where}");
            }

            GenericParameters(method.GenericParameters, $"generic parameter of {where}");
            foreach (var overridden in method.Overrides)
            {
                MethodReference(overridden, $"override in {where}");
            }

            if (!method.HasBody)
            {
                return;
            }

            var body = method.Body;
            foreach (var variable in body.Variables)
            {
                Type(variable.VariableType, $"local variable in {where}");
            }

            foreach (var handler in body.ExceptionHandlers)
            {
                Type(handler.CatchType, $"catch clause in {where}");
            }

            foreach (var instruction in body.Instructions)
            {
                var via = $"{instruction.OpCode.Name} in {where}";
                switch (instruction.Operand)
                {
                    case TypeReference operand:
                        Type(operand, via);
                        break;
                    case MethodReference operand:
                        MethodReference(operand, via);
                        break;
                    case FieldReference operand:
                        Type(operand.DeclaringType, via);
                        Type(operand.FieldType, via);
                        break;
                    case CallSite operand:
                        Type(operand.ReturnType, via);
                        foreach (var parameter in operand.Parameters)
                        {
                            Type(parameter.ParameterType, via);
                        }

                        break;
                }
            }
        }

        public void MethodReference(MethodReference method, string via)
        {
            Type(method.DeclaringType, via);
            Type(method.ReturnType, via);
            foreach (var parameter in method.Parameters)
            {
                Type(parameter.ParameterType, via);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Type(argument, via);
                }
            }
        }

        public void GenericParameters(IEnumerable<GenericParameter> parameters, string via)
        {
            foreach (var parameter in parameters)
            {
                Attributes(parameter, $"attribute on {via}");
                foreach (var constraint in parameter.Constraints)
                {
                    Type(constraint.ConstraintType, $"constraint on {via}");
                    Attributes(constraint, $"attribute on a constraint on {via}");
                }
            }
        }

        public void Attributes(ICustomAttributeProvider provider, string via)
        {
            if (!provider.HasCustomAttributes)
            {
                return;
            }

            foreach (var attribute in provider.CustomAttributes)
            {
                MethodReference(attribute.Constructor, via);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    AttributeArgument(argument, via);
                }

                foreach (var named in attribute.Fields.Concat(attribute.Properties))
                {
                    AttributeArgument(named.Argument, via);
                }
            }
        }

        private void AttributeArgument(CustomAttributeArgument argument, string via)
        {
            Type(argument.Type, via);
            switch (argument.Value)
            {
                case TypeReference type:
                    Type(type, via);
                    break;
                case CustomAttributeArgument boxed:
                    AttributeArgument(boxed, via);
                    break;
                case CustomAttributeArgument[] array:
                    foreach (var element in array)
                    {
                        AttributeArgument(element, via);
                    }

                    break;
            }
        }

        /// <summary>Takes a constructed type apart into the named types it is built from.</summary>
        public void Type(TypeReference? type, string via)
        {
            switch (type)
            {
                case null:
                case GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Type(generic.ElementType, via);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Type(argument, via);
                    }

                    return;
                case FunctionPointerType pointer:
                    Type(pointer.ReturnType, via);
                    foreach (var parameter in pointer.Parameters)
                    {
                        Type(parameter.ParameterType, via);
                    }

                    return;
                case IModifierType modified:
                    Type(modified.ModifierType, via);
                    Type(modified.ElementType, via);
                    return;
                case TypeSpecification specification: // arrays, by-ref, pointers, pinned, sentinels
                    Type(specification.ElementType, via);
                    return;
                default:
                    found.Add((type, via));
                    return;
            }
        }
    }
}
