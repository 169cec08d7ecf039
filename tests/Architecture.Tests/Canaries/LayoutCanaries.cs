// Deliberate breaches of the one-layout rules (ADR 0034), for the canary tests. Nothing runs them.
using FluentValidation;
using MediatR;

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.MakeWidget
{
    /// <summary>Good: in Feature.UseCase, named after it, its handler beside it.</summary>
    public sealed record MakeWidgetCommand(string Name) : IRequest<int>;

    internal sealed class MakeWidgetHandler : IRequestHandler<MakeWidgetCommand, int>
    {
        public Task<int> Handle(MakeWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
    }

    internal sealed class MakeWidgetValidator : AbstractValidator<MakeWidgetCommand>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.FindWidget
{
    /// <summary>Good: a query, handled through a base class.</summary>
    public sealed record FindWidgetQuery(int Id) : IRequest<int>;

    internal abstract class FindWidgetHandlerBase : IRequestHandler<FindWidgetQuery, int>
    {
        public Task<int> Handle(FindWidgetQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }

    internal sealed class FindWidgetHandler : FindWidgetHandlerBase;

    /// <summary>A validator through a generic base, like PagedQueryValidator.</summary>
    internal sealed class FindWidgetValidator : CanaryPagedValidator<FindWidgetQuery>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets
{
    /// <summary>In the feature folder, not a use-case folder.</summary>
    public sealed record GetWidgetQuery(int Id) : IRequest<int>;

    internal sealed class GetWidgetHandler : IRequestHandler<GetWidgetQuery, int>
    {
        public Task<int> Handle(GetWidgetQuery request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }

    /// <summary>Not moved yet, and exempt by name.</summary>
    public sealed record LegacyWidgetCommand : IRequest<int>;

    internal sealed class LegacyWidgetHandler : IRequestHandler<LegacyWidgetCommand, int>
    {
        public Task<int> Handle(LegacyWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    /// <summary>Nested in another type: a use case is a namespace, not a class.</summary>
    public static class Nested
    {
        public sealed record CountWidgetsQuery : IRequest<int>;
    }

    internal sealed class CountWidgetsHandler : IRequestHandler<Nested.CountWidgetsQuery, int>
    {
        public Task<int> Handle(Nested.CountWidgetsQuery request, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.Bundle
{
    /// <summary>In a bundle folder whose name is not the use case's.</summary>
    public sealed record RenameWidgetCommand(string Name) : IRequest<int>;

    internal sealed class RenameWidgetHandler : IRequestHandler<RenameWidgetCommand, int>
    {
        public Task<int> Handle(RenameWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Admin.Widgets.PaintWidget
{
    /// <summary>One level too deep: Admin.Widgets is not a feature.</summary>
    public sealed record PaintWidgetCommand(string Colour) : IRequest<int>;

    internal sealed class PaintWidgetHandler : IRequestHandler<PaintWidgetCommand, int>
    {
        public Task<int> Handle(PaintWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(1);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.DeleteWidget
{
    /// <summary>Right folder, but its handler and its validator live elsewhere.</summary>
    public sealed record DeleteWidgetCommand(int Id) : IRequest<int>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.Handlers
{
    internal sealed class DeleteWidgetHandler : IRequestHandler<DeleteWidget.DeleteWidgetCommand, int>
    {
        public Task<int> Handle(DeleteWidget.DeleteWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }

    internal sealed class DeleteWidgetValidator : AbstractValidator<DeleteWidget.DeleteWidgetCommand>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.Requests
{
    /// <summary>Named neither ...Command nor ...Query, so no use case can be read from it.</summary>
    public sealed record WidgetRequest : IRequest<int>;

    internal sealed class WidgetRequestHandler : IRequestHandler<WidgetRequest, int>
    {
        public Task<int> Handle(WidgetRequest request, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.ShipWidget
{
    /// <summary>Right folder and handler, but its validator lives elsewhere.</summary>
    public sealed record ShipWidgetCommand(int Id) : IRequest<int>;

    internal sealed class ShipWidgetHandler : IRequestHandler<ShipWidgetCommand, int>
    {
        public Task<int> Handle(ShipWidgetCommand request, CancellationToken cancellationToken) => Task.FromResult(request.Id);
    }
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.Validators
{
    internal sealed class ShipWidgetValidator : CanaryPagedValidator<ShipWidget.ShipWidgetCommand>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout.Widgets.ArchiveWidget
{
    /// <summary>No handler at all.</summary>
    public sealed record ArchiveWidgetCommand(int Id) : IRequest<int>;
}

namespace CleanPrepay.Architecture.Tests.Canaries.Layout
{
    internal abstract class CanaryPagedValidator<T> : AbstractValidator<T>;

    /// <summary>Source files for the one-type-per-file rule, each as Canaries/&lt;name&gt;/Widget.cs.</summary>
    public static class SourceCanaries
    {
        public const string Good = """
            namespace Shop.Widgets;

            /// <summary>A class Widget, as the comment says; "record Gadget" is a string.</summary>
            public sealed class Widget
            {
                private const string Note = "class Gadget { }";
                private const char Brace = '{';
            }
            """;

        public const string NestedRecord = """
            namespace Shop.Widgets;

            public static class Widget
            {
                public sealed record Part(string Name);

                private sealed class Cache
                {
                }
            }
            """;

        public const string KeywordsInCommentsStringsAndConstraints = """
            namespace Shop.Widgets;

            // class Gadget {}
            /* record Gizmo; */
            public sealed class Widget<T>(T value) : IComparable<Widget<T>>
                where T : class
            {
                public string Text => $"{value} {{ interface IGadget }}" + @"enum Colour { }";

                public int CompareTo(Widget<T>? other) => 0;
            }
            """;

        public const string GenericArities = """
            namespace Shop.Widgets;

            public sealed record Widget(string Name);

            public sealed record Widget<T>(T Value);
            """;

        public const string TwoTypes = """
            namespace Shop.Widgets;

            public sealed class Widget
            {
            }

            public sealed record WidgetDto(string Name);
            """;

        public const string WrongName = """
            namespace Shop.Widgets;

            internal sealed class Gadget
            {
            }
            """;

        public const string BlockNamespaces = """
            namespace Shop.Widgets
            {
                public sealed class Widget
                {
                }
            }

            namespace Shop.Gadgets
            {
                public enum Gadget
                {
                    On,
                }
            }
            """;

        public const string RecordAfterPositionalRecord = """
            namespace Shop.Widgets;

            public sealed record Widget(string Name) : IComparable<Widget>
            {
                public int CompareTo(Widget? other) => 0;
            }

            internal sealed record WidgetMade(string Name);
            """;

        public static IEnumerable<(string Path, string Text)> Files() =>
        [
            ($"Canaries/{nameof(Good)}/Widget.cs", Good),
            ($"Canaries/{nameof(NestedRecord)}/Widget.cs", NestedRecord),
            ($"Canaries/{nameof(KeywordsInCommentsStringsAndConstraints)}/Widget.cs", KeywordsInCommentsStringsAndConstraints),
            ($"Canaries/{nameof(GenericArities)}/Widget.cs", GenericArities),
            ($"Canaries/{nameof(TwoTypes)}/Widget.cs", TwoTypes),
            ($"Canaries/{nameof(WrongName)}/Widget.cs", WrongName),
            ($"Canaries/{nameof(BlockNamespaces)}/Widget.cs", BlockNamespaces),
            ($"Canaries/{nameof(RecordAfterPositionalRecord)}/Widget.cs", RecordAfterPositionalRecord),
        ];
    }
}
