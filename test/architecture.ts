import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The module boundaries of src/, checked by reading the code with the TypeScript compiler (so formatting across
 * lines cannot hide anything). The rule, decided for issue 8 and tested by architecture.test.ts:
 *
 * - Modules are the folders src/modules/<m>/ plus src/calendar/ (module "calendar"). A table is owned by the module
 *   whose schema.ts declares it. Everything else (src/db, src/seed, src/app.ts, src/main.ts, and the shared files
 *   beside them: context.ts, http.ts, errors.ts, permissions.ts, format.ts …) and tests (*.test.ts, test/, e2e/) are
 *   not modules and may import anything.
 * - Only the owning module inserts into, updates or deletes from its tables: Drizzle `.insert(t)`, `.update(t)`,
 *   `.delete(t)`, and SQL text `insert into` / `update` / `delete from` naming the table. Another module calls the
 *   owner's exported function instead (tasks: recordEvent, moveTask, insertChaseSheet, createDrafts …); these take
 *   the caller's transaction, so a business write and its audit row stay in one transaction.
 * - A module never imports another module's store.ts or schema.ts, not even `import type`. Cross-module reads go
 *   through the owner's exported functions, or its read model `read.ts`: read-only queries, and table objects
 *   re-exported for joins in reads only (a write through them still fails here). One exception: a schema.ts may
 *   import another module's schema.ts, because a foreign key must name the table it references.
 * - No import cycle between modules (the graph of every import between non-test files of two modules).
 */
export interface Violation {
  kind: 'write' | 'internals' | 'cycle';
  file: string; // relative to the scanned root's parent, e.g. src/modules/tasks/service.ts
  line: number;
  message: string;
}

interface SourceFile {
  rel: string;
  module: string | null;
  node: ts.SourceFile;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : listFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

// The module a file belongs to, from its path inside src/.
function moduleOf(relToSrc: string): string | null {
  const parts = relToSrc.split('/');
  if (parts[0] === 'modules' && parts.length > 2) return parts[1]!;
  if (parts[0] === 'calendar' && parts.length > 1) return 'calendar';
  return null;
}

function lineOf(file: SourceFile, node: ts.Node): number {
  return file.node.getLineAndCharacterOfPosition(node.getStart(file.node)).line + 1;
}

interface Table {
  owner: string;
  exportName: string;
  sqlName: string;
}

// Tables: `export const x = pgTable('x', …)` in a module's schema.ts.
function tablesOf(files: SourceFile[]): Table[] {
  const tables: Table[] = [];
  for (const f of files) {
    if (!f.module || path.basename(f.rel) !== 'schema.ts') continue;
    for (const st of f.node.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (!ts.isIdentifier(d.name) || !init || !ts.isCallExpression(init)) continue;
        if (!ts.isIdentifier(init.expression) || init.expression.text !== 'pgTable') continue;
        const name = init.arguments[0];
        if (name && ts.isStringLiteral(name)) tables.push({ owner: f.module, exportName: d.name.text, sqlName: name.text });
      }
    }
  }
  return tables;
}

interface Import {
  target: string; // resolved path relative to the root's parent
  line: number;
  names: Map<string, string>; // local name → imported name
}

function importsOf(file: SourceFile, base: string): Import[] {
  const found: Import[] = [];
  const add = (spec: ts.Expression | undefined, at: ts.Node, names = new Map<string, string>()) => {
    if (!spec || !ts.isStringLiteralLike(spec) || !spec.text.startsWith('.')) return;
    const resolved = path.relative(base, path.resolve(base, path.dirname(file.rel), spec.text.replace(/\.js$/, '.ts')));
    found.push({ target: resolved, line: lineOf(file, at), names });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const names = new Map<string, string>();
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
      add(node.moduleSpecifier, node, names);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file.node);
  return found;
}

const SQL_WRITE = /\b(?:insert\s+into|update|delete\s+from)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;

function writesOf(file: SourceFile, imports: Import[], byExport: Map<string, Table>, bySql: Map<string, Table>): Violation[] {
  const found: Violation[] = [];
  // A local name stands for a table when it is imported under that table's export name (or declared here).
  const local = new Map<string, Table>();
  for (const imp of imports) for (const [name, imported] of imp.names) if (byExport.has(imported)) local.set(name, byExport.get(imported)!);
  if (path.basename(file.rel) === 'schema.ts') for (const t of byExport.values()) if (t.owner === file.module) local.set(t.exportName, t);
  const tableOf = (e: ts.Expression): Table | undefined => {
    if (ts.isIdentifier(e)) return local.get(e.text);
    if (ts.isPropertyAccessExpression(e)) return byExport.get(e.name.text);
    return undefined;
  };
  const report = (t: Table, at: ts.Node, how: string) => {
    if (t.owner !== file.module)
      found.push({ kind: 'write', file: file.rel, line: lineOf(file, at), message: `${how} ${t.sqlName}, a table of module ${t.owner}` });
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const arg = node.arguments[0];
      if ((method === 'insert' || method === 'update' || method === 'delete') && arg) {
        const t = tableOf(arg);
        if (t) report(t, node, method);
      }
    }
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node) || ts.isTemplateExpression(node)) {
      // A table interpolated into SQL text counts under its SQL name.
      let text = node.getText(file.node);
      if (ts.isTemplateExpression(node)) {
        text = node.head.text + node.templateSpans.map((s) => (tableOf(s.expression)?.sqlName ?? '?') + s.literal.text).join('');
      }
      for (const m of text.matchAll(SQL_WRITE)) {
        const t = bySql.get(m[1]!.toLowerCase());
        if (t) report(t, node, `SQL ${m[0].split(/\s/)[0]!.toLowerCase()}`);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file.node);
  return found;
}

// Cycles: each strongly connected group of modules, reported once with the import that makes each of its edges.
function cyclesOf(edges: Map<string, Map<string, { file: string; line: number }>>): Violation[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let next = 0;
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(edges.get(v)?.keys() ?? [])].sort()) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.flatMap((group) =>
    group.flatMap((from) =>
      [...(edges.get(from) ?? [])]
        .filter(([to]) => group.includes(to))
        .map(([to, at]) => ({ kind: 'cycle' as const, file: at.file, line: at.line, message: `${from} imports ${to}, in the cycle {${group.join(', ')}}` })),
    ),
  );
}

/** Every violation of the rule above in the tree at `srcDir`, sorted by file and line. */
export function scanModules(srcDir: string): Violation[] {
  const base = path.dirname(srcDir);
  const files: SourceFile[] = listFiles(srcDir).map((full) => {
    const rel = path.relative(base, full);
    return { rel, module: moduleOf(path.relative(srcDir, full)), node: ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.ES2022, true) };
  });
  const moduleByFile = new Map(files.map((f) => [f.rel, f.module]));
  const tables = tablesOf(files);
  const byExport = new Map(tables.map((t) => [t.exportName, t]));
  const bySql = new Map(tables.map((t) => [t.sqlName, t]));
  const violations: Violation[] = [];
  const edges = new Map<string, Map<string, { file: string; line: number }>>();
  for (const f of files) {
    if (!f.module) continue;
    const imports = importsOf(f, base);
    for (const imp of imports) {
      const target = moduleByFile.get(imp.target) ?? moduleOf(path.relative(srcDir, path.join(base, imp.target)));
      if (!target || target === f.module) continue;
      const targetFile = path.basename(imp.target);
      const fkReference = path.basename(f.rel) === 'schema.ts' && targetFile === 'schema.ts';
      if ((targetFile === 'store.ts' || targetFile === 'schema.ts') && !fkReference) {
        violations.push({ kind: 'internals', file: f.rel, line: imp.line, message: `imports ${imp.target}, internals of module ${target}` });
      }
      const out = edges.get(f.module) ?? new Map<string, { file: string; line: number }>();
      if (!out.has(target)) out.set(target, { file: f.rel, line: imp.line });
      edges.set(f.module, out);
    }
    violations.push(...writesOf(f, imports, byExport, bySql));
  }
  violations.push(...cyclesOf(edges));
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind));
}
