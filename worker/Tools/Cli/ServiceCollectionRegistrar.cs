using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Cli;

/// <summary>Lets the command-line parser build commands through Microsoft.Extensions.DependencyInjection.</summary>
public sealed class ServiceCollectionRegistrar(IServiceCollection? services = null) : ITypeRegistrar
{
    private readonly IServiceCollection services = services ?? new ServiceCollection();

    public ITypeResolver Build() => new Resolver(services.BuildServiceProvider());

    public void Register(Type service, Type implementation) => services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => services.AddSingleton(service, _ => factory());

    private sealed class Resolver(ServiceProvider provider) : ITypeResolver, IDisposable
    {
        public object? Resolve(Type? type) => type is null ? null : provider.GetService(type) ?? ActivatorUtilities.CreateInstance(provider, type);

        public void Dispose() => provider.Dispose();
    }
}
