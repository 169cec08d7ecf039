namespace CleanPrepay.Application.Wallets.AutoTopUps;

/// <summary>One pass of the auto top-up worker: starts a top-up for each pocket below its threshold; answers how many started.</summary>
public interface IAutoTopUps
{
    Task<int> RunOnceAsync(CancellationToken cancellationToken);
}
