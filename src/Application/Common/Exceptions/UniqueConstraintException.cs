namespace CleanPrepay.Application.Common.Exceptions;

/// <summary>A unique constraint refused a write (a duplicate created concurrently); answered as 409 conflict.</summary>
public sealed class UniqueConstraintException(string message, Exception? inner = null) : Exception(message, inner);
