namespace CleanPrepay.Application.Common.Exceptions;

/// <summary>A write kept losing to concurrent writers after every retry; answered as 409 conflict.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
