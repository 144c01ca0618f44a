/**
 * The dependency rule of the hexagon: domain ← application ← adapters ← main.
 * The core (domain, application) stays free of frameworks and I/O so other services can import it.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports nothing but neverthrow and itself.',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', 'node_modules/neverthrow/'] },
    },
    {
      name: 'application-depends-on-core-only',
      severity: 'error',
      comment: 'src/application imports the domain, neverthrow and itself: no adapters, frameworks or I/O.',
      from: { path: '^src/application/' },
      to: { pathNot: ['^src/domain/', '^src/application/', 'node_modules/neverthrow/'] },
    },
    {
      name: 'testing-needs-only-the-core',
      severity: 'error',
      comment: 'watch-together/testing ships to other services: the core, the memory adapters, the embedded shortener and chai, nothing of the server.',
      from: { path: '^src/testing/' },
      to: { pathNot: ['^src/(domain|application|testing|adapters/memory)/', '^src/adapters/links/embedded-link-shortener\\.ts$', 'node_modules/(neverthrow|chai)/'] },
    },
    {
      name: 'adapters-do-not-reach-wiring',
      severity: 'error',
      comment: 'Adapters implement ports; only main.ts (and its storage modules) picks them.',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/(main|container|config|banner)\\.ts$', '^src/storage/'] },
    },
    {
      name: 'only-main-knows-inversify',
      severity: 'error',
      from: { pathNot: '^src/(main|container)\\.ts$' },
      to: { path: 'node_modules/(inversify|@inversifyjs)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^(dist|data|node_modules)/' },
  },
};
