#!/usr/bin/env python3
"""tutorial.py CSV [--label-order 2,1,3]

The classic tutorial "How to Code a Neural Network with Backpropagation In
Python (from scratch)" as it runs on the wheat-seeds data: pure Python, one
function per step of the tutorial, same random stream (random.seed(1)), same
order of every operation. It is the baseline of bench_seeds.py, which times
it in the same run as hanaprop (it prints the CPU seconds of the
cross-validation, without start-up and file reading).

The one change: the tutorial maps the class labels through a Python set,
whose order depends on string hashing (PYTHONHASHSEED); here the order is
given, 2,1,3 by default: the order behind the tutorial's published scores."""
import csv
import sys
import time
from math import exp
from random import random, randrange, seed


def load_csv(filename):
    with open(filename, "r") as file:
        return [row for row in csv.reader(file) if row]


def str_column_to_int(dataset, column, order):
    lookup = {label: i for i, label in enumerate(order)}
    for row in dataset:
        row[column] = lookup[row[column]]


def dataset_minmax(dataset):
    return [[min(column), max(column)] for column in zip(*dataset)]


def normalize_dataset(dataset, minmax):
    for row in dataset:
        for i in range(len(row) - 1):
            row[i] = (row[i] - minmax[i][0]) / (minmax[i][1] - minmax[i][0])


def cross_validation_split(dataset, n_folds):
    dataset_split = []
    dataset_copy = list(dataset)
    fold_size = int(len(dataset) / n_folds)
    for _ in range(n_folds):
        fold = []
        while len(fold) < fold_size:
            index = randrange(len(dataset_copy))
            fold.append(dataset_copy.pop(index))
        dataset_split.append(fold)
    return dataset_split


def accuracy_metric(actual, predicted):
    correct = sum(1 for a, p in zip(actual, predicted) if a == p)
    return correct / float(len(actual)) * 100.0


def evaluate_algorithm(dataset, algorithm, n_folds, *args):
    folds = cross_validation_split(dataset, n_folds)
    scores = []
    for fold in folds:
        train_set = list(folds)
        train_set.remove(fold)
        train_set = sum(train_set, [])
        test_set = []
        for row in fold:
            row_copy = list(row)
            row_copy[-1] = None
            test_set.append(row_copy)
        predicted = algorithm(train_set, test_set, *args)
        actual = [row[-1] for row in fold]
        scores.append(accuracy_metric(actual, predicted))
    return scores


# Step 2, feedforward: the weighted sum (bias first), then the sigmoid.
def activate(weights, inputs):
    activation = weights[-1]
    for i in range(len(weights) - 1):
        activation += weights[i] * inputs[i]
    return activation


def transfer(activation):
    return 1.0 / (1.0 + exp(-activation))


def forward_propagate(network, row):
    inputs = row
    for layer in network:
        new_inputs = []
        for neuron in layer:
            neuron["output"] = transfer(activate(neuron["weights"], inputs))
            new_inputs.append(neuron["output"])
        inputs = new_inputs
    return inputs


def transfer_derivative(output):
    return output * (1.0 - output)


# Steps 3 and 4: the output error, propagated back through the layers.
def backward_propagate_error(network, expected):
    for i in reversed(range(len(network))):
        layer = network[i]
        errors = []
        if i != len(network) - 1:
            for j in range(len(layer)):
                error = 0.0
                for neuron in network[i + 1]:
                    error += neuron["weights"][j] * neuron["delta"]
                errors.append(error)
        else:
            for j in range(len(layer)):
                errors.append(expected[j] - layer[j]["output"])
        for j in range(len(layer)):
            layer[j]["delta"] = errors[j] * transfer_derivative(layer[j]["output"])


# Step 5: the gradient, applied at once (online SGD).
def update_weights(network, row, l_rate):
    for i in range(len(network)):
        inputs = row[:-1]
        if i != 0:
            inputs = [neuron["output"] for neuron in network[i - 1]]
        for neuron in network[i]:
            for j in range(len(inputs)):
                neuron["weights"][j] += l_rate * neuron["delta"] * inputs[j]
            neuron["weights"][-1] += l_rate * neuron["delta"]


def train_network(network, train, l_rate, n_epoch, n_outputs):
    for _ in range(n_epoch):
        for row in train:
            forward_propagate(network, row)
            expected = [0 for _ in range(n_outputs)]
            expected[row[-1]] = 1
            backward_propagate_error(network, expected)
            update_weights(network, row, l_rate)


def initialize_network(n_inputs, n_hidden, n_outputs):
    hidden_layer = [{"weights": [random() for _ in range(n_inputs + 1)]} for _ in range(n_hidden)]
    output_layer = [{"weights": [random() for _ in range(n_hidden + 1)]} for _ in range(n_outputs)]
    return [hidden_layer, output_layer]


def predict(network, row):
    outputs = forward_propagate(network, row)
    return outputs.index(max(outputs))


def back_propagation(train, test, l_rate, n_epoch, n_hidden):
    n_inputs = len(train[0]) - 1
    n_outputs = len(set(row[-1] for row in train))
    network = initialize_network(n_inputs, n_hidden, n_outputs)
    train_network(network, train, l_rate, n_epoch, n_outputs)
    return [predict(network, row) for row in test]


def main():
    order = ["2", "1", "3"]
    if len(sys.argv) > 3 and sys.argv[2] == "--label-order":
        order = sys.argv[3].split(",")
    seed(1)
    dataset = load_csv(sys.argv[1])
    for i in range(len(dataset[0]) - 1):
        for row in dataset:
            row[i] = float(row[i].strip())
    str_column_to_int(dataset, len(dataset[0]) - 1, order)
    normalize_dataset(dataset, dataset_minmax(dataset))
    start = time.process_time()
    scores = evaluate_algorithm(dataset, back_propagation, 5, 0.3, 500, 5)
    seconds = time.process_time() - start
    print("Scores: [%s]" % ", ".join("%.3f" % s for s in scores))
    print("Mean Accuracy: %.3f%%" % (sum(scores) / float(len(scores))))
    print("CPU seconds: %.3f" % seconds)


if __name__ == "__main__":
    main()
