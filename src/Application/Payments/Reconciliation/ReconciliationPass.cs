namespace CleanPrepay.Application.Payments.Reconciliation;

/// <summary>One pass of reconciliation: what it pulled and how those payments ended up.</summary>
public sealed record ReconciliationPass(int Pulled, int Settled, int StillOpen, int Abandoned);
