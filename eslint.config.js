import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'src/db/migrations/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Only clock.ts reads the system time; everything else takes a Clock.
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: '不要直接读取系统时间：使用注入的 Clock' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: '不要直接读取系统时间：使用注入的 Clock' },
      ],
    },
  },
  {
    files: ['src/clock.ts', 'e2e/**', 'test/**', 'bench/**', '**/*.test.ts', 'web/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**', '**/*.test.ts', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
