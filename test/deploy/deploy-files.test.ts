import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { haproxyConfig, TOPOLOGY } from '../../scripts/cluster.js';
import { BASEBACKUP_FLAGS } from '../support/cluster.js';

const read = (path: string) => readFile(path, 'utf8');
type ComposeService = { environment?: Record<string, string>; ports?: string[]; volumes?: string[]; command?: string[]; image?: string };

/**
 * The deployment files a platform team runs (docs/DEPLOY.md), checked here since no Docker
 * daemon runs on this machine: the Dockerfile by dockerfile-utils (the linter of the Docker
 * language server), and the compose file against the topology `npm run cluster` proves.
 */
describe('Deployment files', () => {
  it('Dockerfile: lints clean, builds in two stages, runs as a non-root user on production dependencies, checks its health', async () => {
    const dockerfile = await read('Dockerfile');
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${JSON.stringify(d.message)}`)).to.deep.equal([]);
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).to.have.length(2);
    const runtime = stages[1]!;
    expect(runtime).to.match(/^USER node$/m);
    expect(runtime).to.contain('npm ci --omit=dev');
    expect(runtime).to.match(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime).to.match(/^CMD \["node", "dist\/main\.js"\]$/m);
    // What dist/main.js reads at run time besides node_modules: the migrations and the demo directory.
    for (const path of ['migrations', 'demo']) expect(runtime).to.match(new RegExp(`^COPY ${path} \\./${path}$`, 'm'));
    const ignored = (await read('.dockerignore')).split('\n');
    expect(ignored).to.include.members(['node_modules', 'dist']).and.not.include.members(['migrations', 'demo']);
  });

  it('compose: the cluster script’s services, settings and HAProxy configuration', async () => {
    const compose = parse(await read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
    const byRole = (role: string) => Object.entries(compose.services).filter(([, s]) => s.environment?.ROLE === role);
    const apis = byRole('api');
    expect(apis.map(([name]) => name)).to.have.length(TOPOLOGY.apis);
    expect(byRole('worker')).to.have.length(TOPOLOGY.workers);
    for (const [name, service] of [...apis, ...byRole('worker')]) {
      expect(Object.keys(service.environment!), name).to.include.members([...TOPOLOGY.required]);
      expect(service.environment, name).to.deep.include(TOPOLOGY.settings);
      expect(service.image, name).to.equal('watch-together:latest');
    }
    // Searches and detail reads on a streaming replica of the primary, made as the cluster script makes its own
    // ($$ is compose's escape for a $ the shell sees).
    for (const [name, service] of apis) {
      const primary = new URL(service.environment!.DATABASE_URL!).hostname;
      const replica = new URL(service.environment!.READ_DATABASE_URL ?? 'postgres://none').hostname;
      expect(compose.services[replica]?.command?.join(' '), name).to.contain(`pg_basebackup -h ${primary} -U watch -D "$$PGDATA" ${BASEBACKUP_FLAGS.join(' ')}`);
    }
    for (const [name, service] of byRole('worker')) expect(service.environment, name).to.not.have.property('READ_DATABASE_URL');
    expect(compose.services.postgres?.volumes).to.include('./replication.sh:/docker-entrypoint-initdb.d/replication.sh:ro');
    expect(await read('deploy/replication.sh')).to.contain('echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"');
    expect(compose.services.migrate?.command).to.deep.equal(['node', 'dist/migrate.js']);
    expect(compose.services.haproxy?.ports).to.deep.equal(['8080:8080']);
    expect(compose.services.haproxy?.volumes).to.deep.equal(['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
    const servers = apis.map(([name, s]) => `${name}:${s.environment!.PORT}`);
    const written = (await read('deploy/haproxy.cfg')).replace(/^#.*\n/gm, '');
    expect(written).to.equal(haproxyConfig('0.0.0.0:8080', servers));
  });

  it('systemd: one unit for every role, as an unprivileged user, stopped with SIGTERM', async () => {
    const unit = await read('deploy/watch-together@.service');
    for (const line of ['ExecStart=/usr/bin/node dist/main.js', 'Environment=NODE_ENV=production ROLE=%i', 'User=watch-together', 'KillSignal=SIGTERM', 'Restart=on-failure', 'EnvironmentFile=/etc/watch-together/env'])
      expect(unit.split('\n'), line).to.include(line);
  });
});
