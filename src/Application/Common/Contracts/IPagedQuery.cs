namespace CleanPrepay.Application.Common.Contracts;

/// <summary>A list query: a page size and a cursor from the previous page.</summary>
public interface IPagedQuery
{
    int? Limit { get; }

    string? Cursor { get; }
}
