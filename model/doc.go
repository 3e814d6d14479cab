// Package model is spinscan's classifier: multinomial logistic (softmax)
// regression on standardised feature columns, trained with L-BFGS from
// gonum/optimize.
//
// The package knows feature columns only by name. A [Model] is a small,
// versioned JSON document holding its class and column lists, the
// standardisation it was trained with, its coefficients and the provenance of
// the fit; [Load] validates such a document and [Model.CheckColumns] refuses
// a model whose columns differ from the ones a caller computes.
//
// Training minimises the class-weighted mean log-loss plus an L2 penalty on
// the weights (never on the biases):
//
//	L(W, b) = (1/S) Σ_i s_i · −log softmax(W·z_i + b)[y_i] + λ/2 · ‖W‖²
//
// where z_i is the standardised feature vector of sample i, s_i the weight of
// its class and S = Σ_i s_i. With balanced class weights S equals the number
// of samples n, so the fit is the one scikit-learn's
// LogisticRegression(multi_class="multinomial", solver="lbfgs",
// class_weight="balanced") finds with C = 1/(λ·n), and in general
// C = 1/(λ·S).
//
// Evaluation helpers cover group-aware cross-validation ([Folds],
// [CrossValidate]), the usual metrics ([Evaluate]) and temperature scaling
// ([FitTemperature]) for calibration. All functions are safe for concurrent
// use; a Model is read-only once built.
package model
