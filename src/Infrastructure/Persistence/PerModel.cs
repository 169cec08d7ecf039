using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CleanPrepay.Infrastructure.Persistence;

/// <summary>
/// One <typeparamref name="T"/> per EF model. A compiled query binds to the provider of the first
/// context that runs it, and one process can hold both models (the integration tests run SQLite and
/// PostgreSQL side by side), so compiled queries and cached SQL are kept per model.
/// </summary>
internal static class PerModel<T>
    where T : class, new()
{
    private static readonly ConditionalWeakTable<IModel, T> Instances = [];

    public static T For(DbContext db) => Instances.GetValue(db.Model, static _ => new T());
}
