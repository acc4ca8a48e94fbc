// Type-checks projects made by the real `creact init` (its tsconfig.json and declarations) with the real
// TypeScript compiler: examples/hello and good.tsx have no error; each bad fixture has exactly the error
// it is about, on its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const here = path.dirname(new URL(import.meta.url).pathname);
const repo = path.resolve(here, '../../../..');
const creact = path.join(repo, 'bin', 'creact');

/** A fresh project with `creact init`'s files, then the given files copied over it. */
function project(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creact-types-'));
  execFileSync(creact, ['init', dir, '--no-color'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const [name, from] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.cpSync(from, path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** Every diagnostic of the project's tsconfig.json, as "file:line: message". */
function check(dir) {
  const configFile = ts.readConfigFile(path.join(dir, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dir);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) return message;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(dir, d.file.fileName)}:${line + 1}: ${message}`;
  });
}

test('examples/hello type-checks with the declarations creact init writes', () => {
  const hello = path.join(repo, 'examples', 'hello');
  const files = {};
  for (const name of fs.readdirSync(hello)) {
    if (name !== 'types' && name !== '.creact' && name !== 'out') files[name] = path.join(hello, name);
  }
  assert.deepEqual(check(project(files)), []);
});

test('examples/monorepo (nested apps: CReactApp, useAppContext, useAppOutputs, useSignal) type-checks', () => {
  const monorepo = path.join(repo, 'examples', 'monorepo');
  const files = {};
  for (const name of fs.readdirSync(monorepo)) {
    if (name !== '.creact' && name !== 'out') files[name] = path.join(monorepo, name);
  }
  const dir = project(files);
  for (const app of fs.readdirSync(path.join(dir, 'apps'))) {
    fs.rmSync(path.join(dir, 'apps', app, 'out'), { recursive: true, force: true });
    fs.rmSync(path.join(dir, 'apps', app, '.creact'), { recursive: true, force: true });
  }
  assert.deepEqual(check(dir), []);
});

test('outputs as props and in templates, isKnown narrowing and useState<T>() type-check', () => {
  assert.deepEqual(check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'good.tsx') })), []);
});

test('creact/docker and creact/kubernetes type-check, an image output feeding a container and a Deployment', () => {
  assert.deepEqual(check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'docker-kubernetes.tsx') })), []);
});

test('creact/kubernetes: a literal in the stringData of a Secret is refused by the compiler', () => {
  const errors = check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'kubernetes-secret-literal.tsx') }));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^infrastructure\.tsx:5: .*SecretRef/s);
});

test('a string method on an output is refused by the compiler', () => {
  const errors = check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'method-on-output.tsx') }));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^infrastructure\.tsx:7: .*toUpperCase.*Output<string>/s);
});

test('a prop of the wrong type is refused by the compiler', () => {
  const errors = check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'wrong-prop-type.tsx') }));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^infrastructure\.tsx:6: /);
});

test('creact/aws: buckets, objects, queues and functions wired by their outputs type-check', () => {
  assert.deepEqual(check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'aws.tsx') })), []);
});

test('creact/aws: an S3Object without its objectKey is refused by the compiler', () => {
  const errors = check(project({ 'infrastructure.tsx': path.join(here, 'fixtures', 'aws-missing-key.tsx') }));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /^infrastructure\.tsx:6: .*objectKey/s);
});
