using CleanPrepay.Application.Abstractions.Messaging;

namespace CleanPrepay.Application.Packages.DeletePackage;

/// <summary>Retires a package: it disappears from the API; top-ups that used it keep their reference.</summary>
public sealed record DeletePackageCommand(string PackageId) : ICommand<bool>;
