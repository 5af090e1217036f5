// The SyntaxKind values the JS frontend tests, copied into a small object once. `ts.SyntaxKind` is a large enum
// object held in dictionary mode, so each `ts.SyntaxKind.X` in a hot switch is a hash lookup; these are plain loads.
import ts from "typescript";

export const Kind = {
  ArrowFunction: ts.SyntaxKind.ArrowFunction,
  BarBarToken: ts.SyntaxKind.BarBarToken,
  BinaryExpression: ts.SyntaxKind.BinaryExpression,
  CallExpression: ts.SyntaxKind.CallExpression,
  ClassDeclaration: ts.SyntaxKind.ClassDeclaration,
  ClassExpression: ts.SyntaxKind.ClassExpression,
  Constructor: ts.SyntaxKind.Constructor,
  EqualsToken: ts.SyntaxKind.EqualsToken,
  FunctionDeclaration: ts.SyntaxKind.FunctionDeclaration,
  FunctionExpression: ts.SyntaxKind.FunctionExpression,
  GetAccessor: ts.SyntaxKind.GetAccessor,
  Identifier: ts.SyntaxKind.Identifier,
  ImportDeclaration: ts.SyntaxKind.ImportDeclaration,
  MethodDeclaration: ts.SyntaxKind.MethodDeclaration,
  NewExpression: ts.SyntaxKind.NewExpression,
  PlusToken: ts.SyntaxKind.PlusToken,
  PropertyAccessExpression: ts.SyntaxKind.PropertyAccessExpression,
  PropertyDeclaration: ts.SyntaxKind.PropertyDeclaration,
  QuestionQuestionToken: ts.SyntaxKind.QuestionQuestionToken,
  SourceFile: ts.SyntaxKind.SourceFile,
  ThisKeyword: ts.SyntaxKind.ThisKeyword,
  VariableDeclaration: ts.SyntaxKind.VariableDeclaration,
} as const;
