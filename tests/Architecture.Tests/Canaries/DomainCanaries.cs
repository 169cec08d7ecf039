// Deliberate violations of the Domain rule, one channel each, for the canary tests. Nothing runs them.
using System.ComponentModel;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Architecture.Tests.Canaries.Domain;

/// <summary>Only an IL operand touches EF Core: <c>newobj</c>.</summary>
public static class EfCoreInMethodBody
{
    public static object Build() => new DbContextOptionsBuilder();
}

/// <summary>Only <c>typeof</c> (<c>ldtoken</c>) touches MediatR.</summary>
public static class MediatRTypeofInMethodBody
{
    public static Type Probe() => typeof(IMediator);
}

/// <summary>Only a static field load (<c>ldsfld Unit.Value</c>) touches MediatR.</summary>
public static class MediatRFieldLoadInMethodBody
{
    public static object Nothing() => Unit.Value;
}

/// <summary>Only a generic method argument touches EF Core: <c>Array.Empty&lt;EntityState&gt;()</c>.</summary>
public static class EfCoreGenericMethodArgument
{
    public static object Empty() => Array.Empty<EntityState>();
}

/// <summary>A field's type touches FluentValidation.</summary>
public sealed class FluentValidationField
{
    public FluentValidation.Results.ValidationResult? Result;
}

/// <summary>A field's generic argument touches EF Core: <c>List&lt;EntityState&gt;</c>.</summary>
public sealed class EfCoreGenericArgumentInField
{
    public List<EntityState>? States;
}

/// <summary>A property's type touches AutoMapper.</summary>
public sealed class AutoMapperProperty
{
    public AutoMapper.IMapper? Mapper { get; init; }
}

/// <summary>A parameter's type touches Npgsql.</summary>
public static class NpgsqlParameter
{
    public static bool Accepts(Npgsql.NpgsqlConnection? connection) => connection is null;
}

/// <summary>Only the return type touches Microsoft.Data.Sqlite.</summary>
public static class SqliteReturnType
{
    public static Microsoft.Data.Sqlite.SqliteConnection? Open() => null;
}

/// <summary>The base type touches FluentValidation.</summary>
public sealed class FluentValidationBaseType : AbstractValidator<string>;

/// <summary>Only an implemented marker interface touches MediatR.</summary>
public sealed class MediatRInterface : INotification;

/// <summary>Only an attribute touches ASP.NET Core.</summary>
[Authorize]
public sealed class AspNetCoreAttribute;

/// <summary>Only a <c>typeof</c> argument of a BCL attribute touches EF Core.</summary>
[TypeConverter(typeof(DbContext))]
public sealed class EfCoreInAttributeArgument;

/// <summary>Only a generic constraint touches EF Core.</summary>
public sealed class EfCoreGenericConstraint<TContext>
    where TContext : DbContext;

/// <summary>Only a catch clause touches EF Core.</summary>
public static class EfCoreCatchClause
{
    public static bool Attempt(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }
}

/// <summary>Only a lambda (compiled into the nested closure class <c>&lt;&gt;c</c>) touches EF Core.</summary>
public static class EfCoreInLambda
{
    public static Func<object> Factory() => () => new DbContextOptionsBuilder();
}

/// <summary>Only the async state machine (a nested type) touches EF Core.</summary>
public static class EfCoreInAsyncMethod
{
    public static async Task<object> LaterAsync()
    {
        await Task.Yield();
        return new DbContextOptionsBuilder();
    }
}

/// <summary>Touches another CleanPrepay assembly (Application).</summary>
public static class TouchesOurApplicationAssembly
{
    public static Type Probe() => typeof(global::CleanPrepay.Application.DependencyInjection);
}

/// <summary>The negative control: the BCL only (generics, LINQ, a lambda, async). The rule must stay silent.</summary>
public static class CleanDomainCode
{
    public static decimal Total(IEnumerable<decimal> amounts) => amounts.Where(a => a > 0).Sum();

    public static async Task<int> LaterAsync()
    {
        await Task.Yield();
        return 42;
    }
}
