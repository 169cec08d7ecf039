namespace CleanPrepay.Infrastructure.Hosting;

/// <summary>
/// Opens once the database schema is at the latest migration (or at start, where an operator migrates
/// out of band). Every hosted worker waits on it: a loop that ran first would query tables not yet created.
/// </summary>
public sealed class SchemaGate
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => _ready.Task.IsCompletedSuccessfully;

    public void Open() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
