"""placeholder until the pipeline writes the package"""
