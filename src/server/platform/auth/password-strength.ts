/**
 * The dictionary side of the password policy (rule in src/rules/password.ts): zxcvbn-ts with its
 * common-language package — lists of the most used passwords, common words and names, and
 * keyboard adjacency graphs (qwerty, keypad) — estimates how many guesses a password takes.
 * Built on first use: the dictionaries take a moment to load and most requests never need them.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { DEFAULT_PASSWORD_POLICY, type GuessEstimator, passwordProblems } from "../../../rules/password";

let factory: ZxcvbnFactory | undefined;

export const dictionaryGuesses: GuessEstimator = (password, userInputs) => {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory.check(password, [...userInputs]).guessesLog10;
};

/** Problems with a new password: length, classes, and guessability (the username counts as a word). */
export function newPasswordProblems(password: string, userInputs: readonly string[]) {
  return passwordProblems(password, DEFAULT_PASSWORD_POLICY, dictionaryGuesses, userInputs);
}
