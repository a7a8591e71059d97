import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["www/pkg/**", "www/pkg-member/**", "target/**", "node_modules/**", "tests/browser/artifacts/**", "dist/**"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.browser, ...globals.node } },
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }], eqeqeq: "error", "prefer-const": "error" },
  },
];
