import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["www/pkg/**", "www/pkg-member/**", "www/pkg-member-worker/**", "www/pkg-member-log/**", "target/**", "node_modules/**", "tests/browser/artifacts/**", "dist/**"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: { ...globals.browser, ...globals.node } },
    rules: { "no-unused-vars": ["error", { argsIgnorePattern: "^_" }], eqeqeq: "error", "prefer-const": "error" },
  },
  {
    // The pages: every figure is the engine's string, formatted by www/shared/format.js alone.
    files: ["www/**/*.js"],
    rules: {
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.property.name='format'] > CallExpression.arguments[callee.name='Number']", message: "Format the engine's string (www/shared/format.js), never a Number." },
        { selector: "CallExpression[callee.property.name='toLocaleString']", message: "Format through www/shared/format.js." },
        { selector: "MemberExpression[property.name='innerHTML']", message: "Text through textContent, elements through www/shared/dom.js." },
      ],
    },
  },
];
