using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace OrleansTrainer.Cli.Infrastructure;

/// <summary>Lets Spectre.Console.Cli build commands with the <see cref="CliIO"/> of this run injected.</summary>
internal sealed class InstanceRegistrar(CliIO io) : ITypeRegistrar
{
    private readonly ServiceCollection _services = CreateServices(io);

    public void Register(Type service, Type implementation) => _services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => _services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => _services.AddSingleton(service, _ => factory());

    public ITypeResolver Build() => new Resolver(_services.BuildServiceProvider());

    private static ServiceCollection CreateServices(CliIO io)
    {
        var services = new ServiceCollection();
        services.AddSingleton(io);
        return services;
    }

    private sealed class Resolver(ServiceProvider provider) : ITypeResolver, IDisposable
    {
        public object? Resolve(Type? type) => type is null ? null : provider.GetService(type) ?? ActivatorUtilities.CreateInstance(provider, type);

        public void Dispose() => provider.Dispose();
    }
}
