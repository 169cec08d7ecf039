// Deliberate breaches of the handler and request conventions (docs/reference/style.md#application), for the canary tests.
using MediatR;

namespace CleanPrepay.Architecture.Tests.Canaries.Handlers;

public sealed record CanaryQuery(int Id) : IRequest<int>;

public interface ICanaryHandler<in TRequest, TResponse> : IRequestHandler<TRequest, TResponse>
    where TRequest : IRequest<TResponse>;

public interface ICanaryCommand<TResponse> : IRequest<TResponse>;

/// <summary>Public.</summary>
public sealed class PublicHandler : IRequestHandler<CanaryQuery, int>
{
    public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
}

/// <summary>Not sealed.</summary>
internal class UnsealedHandler : IRequestHandler<CanaryQuery, int>
{
    public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
}

/// <summary>Public, and a handler only through an intermediate interface (like ICommandHandler).</summary>
public sealed class PublicHandlerViaInterface : ICanaryHandler<CanaryQuery, int>
{
    public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
}

/// <summary>Abstract: not a handler the container creates, so not checked.</summary>
public abstract class CanaryHandlerBase : IRequestHandler<CanaryQuery, int>
{
    public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
}

/// <summary>Public, and a handler only through its base class.</summary>
public sealed class PublicHandlerViaBaseClass : CanaryHandlerBase;

/// <summary>Public through a public declaring type.</summary>
public static class PublicOuter
{
    public sealed class NestedPublicHandler : IRequestHandler<CanaryQuery, int>
    {
        public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }
}

/// <summary>Good: internal sealed.</summary>
internal sealed class GoodHandler : IRequestHandler<CanaryQuery, int>
{
    public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
}

/// <summary>Good: nested public, but inside an internal type, so invisible outside the assembly.</summary>
internal static class InternalOuter
{
    public sealed class NestedHandlerInInternalType : IRequestHandler<CanaryQuery, int>
    {
        public Task<int> Handle(CanaryQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }
}

/// <summary>A class, not a record.</summary>
public sealed class ClassRequest : IRequest<int>;

/// <summary>A class through an intermediate interface (like ICommand&lt;T&gt;) and MediatR's non-generic IRequest.</summary>
public sealed class ClassCommandViaInterface : ICanaryCommand<int>;

public sealed class UnitRequest : IRequest;

/// <summary>A record with a settable property.</summary>
public sealed record MutableRecordRequest : IRequest<int>
{
    public int Amount { get; set; }
}

/// <summary>A record with a writable public field.</summary>
public sealed record RecordWithWritableField : IRequest<int>
{
    public int Amount;
}

/// <summary>Good: a positional record through the intermediate interface, and one with init-only properties.</summary>
public sealed record GoodCommand(string Name, long Amount) : ICanaryCommand<int>;

public sealed record GoodInitRequest : IRequest<int>
{
    public required string Name { get; init; }
}
